namespace BekymringssamtaleService.Domain.Cases;

/// <summary>Why a case was closed (avsluttet); the closing letter says it in the recipient's words.</summary>
public enum CloseOutcome
{
    NoFurtherConcern,
    MeasuresCompleted,
    HandedOverToChildWelfare,
    HandedOverToHealthService,
    HandedOverToCoreGroup,
    DeclinedByFamily,
    Moved,
}

/// <summary>An outcome as the workflow file (the choices of Close's input), the workflow data and the API write it.</summary>
public static class CloseOutcomeNames
{
    public static string WireName(this CloseOutcome outcome) => outcome switch
    {
        CloseOutcome.NoFurtherConcern => "noFurtherConcern",
        CloseOutcome.MeasuresCompleted => "measuresCompleted",
        CloseOutcome.HandedOverToChildWelfare => "handedOverToChildWelfare",
        CloseOutcome.HandedOverToHealthService => "handedOverToHealthService",
        CloseOutcome.HandedOverToCoreGroup => "handedOverToCoreGroup",
        CloseOutcome.DeclinedByFamily => "declinedByFamily",
        CloseOutcome.Moved => "moved",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>The outcome of a wire name; null for none or an unknown one.</summary>
    public static CloseOutcome? FromWireName(string? name) =>
        Enum.GetValues<CloseOutcome>().Select(outcome => (CloseOutcome?)outcome).FirstOrDefault(outcome => outcome!.Value.WireName() == name);
}
