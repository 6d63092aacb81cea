namespace BekymringssamtaleService.Domain.Access;

/// <summary>
/// One read or write of case data: who, in which unit, when, which case, what and why. Append-only (the database
/// refuses updates and deletes) and free of case content.
/// </summary>
public sealed class AccessLogEntry
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string StaffId { get; init; }
    public required string UnitCode { get; init; }
    public Guid? CaseId { get; init; }

    /// <summary>A code: "read", "list", "register", or the name of the step recorded.</summary>
    public required string Action { get; init; }

    public required string Purpose { get; init; }
}
