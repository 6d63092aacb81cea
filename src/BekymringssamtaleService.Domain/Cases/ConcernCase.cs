namespace BekymringssamtaleService.Domain.Cases;

/// <summary>A concern about a youth (bekymring) and the conversation the police hold about it.</summary>
public sealed class ConcernCase
{
    public Guid Id { get; init; }
    public required string UnitCode { get; init; }
    public required Youth Youth { get; init; }
    public List<Guardian> Guardians { get; init; } = [];
    public required ConcernSource Source { get; init; }

    /// <summary>Free text: sensitive, never logged.</summary>
    public required string ConcernText { get; init; }

    /// <summary>The offence case number (straffesaksnummer) when an offence is believed to have happened.</summary>
    public string? OffenceReference { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }
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
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public required LetterLanguage Language { get; init; }
}

/// <summary>A person with parental responsibility (foreldreansvar), each with their own address and language.</summary>
public sealed class Guardian
{
    public required string Name { get; init; }
    public required string Email { get; init; }
    public required string Address { get; init; }
    public required LetterLanguage Language { get; init; }
    public required bool LivesWithYouth { get; init; }
}
