using BekymringssamtaleService.Domain.Coordination;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>The compartment's vocabularies in Norwegian, as the page shows and the forms offer them.</summary>
public static class CoordinationWords
{
    public static string Of(CoordinationEntryKind kind) => kind switch
    {
        CoordinationEntryKind.PstContact => "Kontakt med PST",
        CoordinationEntryKind.PstRequest => "Anmodning fra PST om bekymringssamtale",
        CoordinationEntryKind.MappingNote => "Notat om radikalisering fra kartleggingen",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(SecurityClassification classification) => classification switch
    {
        SecurityClassification.Restricted => "BEGRENSET",
        SecurityClassification.InConfidence => "FORTROLIG",
        SecurityClassification.StrictlyInConfidence => "STRENGT FORTROLIG",
        _ => throw new ArgumentOutOfRangeException(nameof(classification), classification, null),
    };

    public static string Of(CoordinationOutcome outcome) => outcome switch
    {
        CoordinationOutcome.Flagged => "Flagget som radikaliseringsbekymring",
        CoordinationOutcome.NotNeeded => "Ikke behov for koordinering med PST",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
