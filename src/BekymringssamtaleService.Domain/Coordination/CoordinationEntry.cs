namespace BekymringssamtaleService.Domain.Coordination;

/// <summary>
/// One note in a case's coordination compartment: a contact with local PST, a request from PST (PST asks the police to
/// hold a conversation), or the radicalisation notes an officer wrote in the mapping. Read by Liaisons only.
/// </summary>
public sealed class CoordinationEntry
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public required CoordinationEntryKind Kind { get; init; }

    /// <summary>When the contact or request happened (for a mapping note: the day the mapping was signed).</summary>
    public required DateOnly OccurredOn { get; init; }

    /// <summary>PST's own reference; required for a request from PST.</summary>
    public string? PstReference { get; init; }

    /// <summary>Free text: sensitive, never logged, never shown outside the compartment.</summary>
    public required string Summary { get; init; }

    public required SecurityClassification Classification { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}

public enum CoordinationEntryKind
{
    /// <summary>A contact with local PST (a meeting, a call) and what came of it.</summary>
    PstContact,

    /// <summary>PST asks the police to hold a concern conversation; the case it concerns has source PST.</summary>
    PstRequest,

    /// <summary>Signs of radicalisation an officer noted in the mapping; the officer cannot read it back.</summary>
    MappingNote,
}

/// <summary>
/// How an entry is marked. BEGRENSET is the lowest grade of the security act (sikkerhetsloven); FORTROLIG and STRENGT
/// FORTROLIG are the grades of the protection instruction (beskyttelsesinstruksen) for information that needs protection
/// for other reasons, such as personal data about a child. KONFIDENSIELT and above are not offered: such information
/// belongs in an accredited system, not here.
/// </summary>
public enum SecurityClassification
{
    Restricted,
    InConfidence,
    StrictlyInConfidence,
}
