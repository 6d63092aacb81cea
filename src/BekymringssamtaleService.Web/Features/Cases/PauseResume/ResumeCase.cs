using System.Security.Claims;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.PauseResume;

public sealed class ResumeRequest;

/// <summary>Takes a paused case back to the step it was paused at.</summary>
public sealed class ResumeCase : CaseStep<ResumeRequest>
{
    public override string Slug => "resume";
    public override string Title => "Gjenoppta";
    public override IReadOnlyList<string> Triggers => ["Resume"];
    public override IReadOnlyList<FormField> Form => [];

    public override StepFiring Fire(CaseAtHand atHand, ResumeRequest request, ClaimsPrincipal user) => new("Resume", []);
}
