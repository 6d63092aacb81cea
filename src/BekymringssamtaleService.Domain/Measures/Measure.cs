using BekymringssamtaleService.Domain.Consents;

namespace BekymringssamtaleService.Domain.Measures;

/// <summary>An entry of the measures catalog (tiltakskatalog) that can be agreed in a conversation.</summary>
public sealed class Measure
{
    public required string Code { get; init; }
    public required LocalizedText Name { get; set; }
    public required LocalizedText Description { get; set; }
    public required AgencyType ResponsibleAgencyType { get; set; }
    public required bool RequiresConsent { get; set; }

    /// <summary>The sharing the measure rests on when it requires consent: it is agreed only with a valid consent to it.</summary>
    public ConsentSharing? ConsentSharing { get; set; }

    public required int MinAge { get; set; }
    public required int MaxAge { get; set; }
}

public enum AgencyType
{
    School,
    Municipality,
    HealthService,
    ChildWelfare,
    Police,
    ResourceCentre,
    Family,
}

/// <summary>A text in each letter language: bokmål, nynorsk and English.</summary>
public sealed record LocalizedText(string Nb, string Nn, string En);
