namespace BekymringssamtaleService.Domain.Cases;

/// <summary>One signed version of the mapping (kartlegging) of a youth's situation; every save is a new version.</summary>
public sealed class Mapping
{
    public Guid CaseId { get; init; }
    public int Version { get; init; }
    public List<MappingFactor> Factors { get; init; } = [];
    public required ConcernLevel OverallConcern { get; init; }

    public required string SignedBy { get; init; }
    public required DateTimeOffset SignedAt { get; init; }
}

/// <summary>Risk and protective factors in one area of the youth's life.</summary>
public sealed record MappingFactor(LifeDomain Domain, string? Risk, string? Protective);

public enum LifeDomain
{
    Individual,
    Family,
    SchoolOrWork,
    FriendsAndNetwork,
    Leisure,
    AlcoholAndDrugs,
    OnlineLife,
    Neighbourhood,
}

public enum ConcernLevel
{
    Low,
    Moderate,
    High,
}
