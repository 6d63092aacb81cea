namespace BekymringssamtaleService.Domain.Resources;

/// <summary>
/// A room or an interpreter a unit books for its conversations: one meeting at a time, like an officer. A resource no
/// longer in use is deactivated rather than deleted, so the meetings that booked it still name it.
/// </summary>
public sealed class BookableResource
{
    public Guid Id { get; init; }
    public required string UnitCode { get; init; }
    public required ResourceKind Kind { get; init; }
    public required string Name { get; set; }

    /// <summary>When it was taken out of use: it is offered for no new booking.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    public bool IsActive => DeactivatedAt is null;
}

public enum ResourceKind
{
    Room,
    Interpreter,
}
