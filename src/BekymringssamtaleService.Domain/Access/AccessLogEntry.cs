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
    /// <summary>The case's unit, or the unit listed; null for an access that concerns no unit (a sign-in).</summary>
    public string? UnitCode { get; init; }
    public Guid? CaseId { get; init; }

    /// <summary>A code: "read", "list", "register", or the name of the step recorded.</summary>
    public required string Action { get; init; }

    /// <summary>An <see cref="AccessPurpose"/> by its wire name.</summary>
    public required string Purpose { get; init; }

    /// <summary>The purpose in the user's own words, where the purpose must be stated (coordination, a blocked case); no case content.</summary>
    public string? StatedPurpose { get; init; }
}
