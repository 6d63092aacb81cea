using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.PauseResume;

/// <summary>Puts the case on hold from any open step, with a reason; its timers stop until it is resumed.</summary>
public sealed class PauseCase() : ReasonedStep("Pause")
{
    public override string Slug => "pause";
    public override string Title => "Sett på vent";
    public override StepWeight Weight => StepWeight.Beside;
}
