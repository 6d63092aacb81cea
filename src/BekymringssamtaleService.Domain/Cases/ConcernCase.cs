namespace BekymringssamtaleService.Domain.Cases;

/// <summary>
/// A concern about a youth (bekymring) and the conversation the police hold about it. Its id is also the id of the
/// workflow instance that carries it through the steps.
/// </summary>
public sealed class ConcernCase
{
    public Guid Id { get; init; }

    /// <summary>The case number people use (shown as BS-123), assigned by the database in registration order.</summary>
    public long Number { get; init; }

    public required string UnitCode { get; init; }
    public required Youth Youth { get; init; }
    public List<Guardian> Guardians { get; init; } = [];

    /// <summary>Why no guardian with parental responsibility receives letters (e.g. an appointed representative); free text, sensitive.</summary>
    public string? NoGuardianReason { get; init; }

    public required ConcernSource Source { get; init; }

    /// <summary>Free text: sensitive, never logged.</summary>
    public required string ConcernText { get; init; }

    /// <summary>The offence case number (straffesaksnummer) when an offence is believed to have happened.</summary>
    public string? OffenceReference { get; set; }

    /// <summary>The officer who answers for the case; the one who registered it unless someone else is named.</summary>
    public required string ResponsibleOfficerId { get; init; }

    public required string RegisteredBy { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>
    /// When the case was blocked (sperret) for having been closed longer than its retention period: from then on only
    /// an Admin who states a purpose reads it, and it drops out of every list.
    /// </summary>
    public DateTimeOffset? BlockedAt { get; init; }

    /// <summary>When the personal data and free text of the blocked case were deleted; what is left is anonymous statistics.</summary>
    public DateTimeOffset? PersonalDataDeletedAt { get; init; }
}

public enum ConcernSource
{
    School,
    ChildWelfare,
    Patrol,
    Parents,
    Pst,
    Other,
}

/// <summary>The child the concern is about. Not a user: they receive letters.</summary>
public sealed class Youth
{
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public required DateOnly BirthDate { get; init; }
    public string? NationalIdNumber { get; init; }
    public string? Email { get; init; }

    /// <summary>The youth's own postal address; their letters are printed and posted to it when they have no e-mail address.</summary>
    public string? Address { get; init; }

    public string? Phone { get; init; }
    public required LetterLanguage Language { get; init; }

    public string FullName => $"{GivenName} {FamilyName}";
}

/// <summary>
/// A person with parental responsibility (foreldreansvar), each with their own address and language. One without an
/// e-mail address gets their letters printed and posted to their postal address.
/// </summary>
public sealed class Guardian
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }
    public required string Address { get; init; }
    public required LetterLanguage Language { get; init; }
    public required bool LivesWithYouth { get; init; }
}
