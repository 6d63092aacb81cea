using System.Security.Claims;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.ScheduleFollowUp;

public sealed class ScheduleFollowUpRequest;

/// <summary>Starts the follow-up: conversations at the intervals the workflow sets (default four weeks and three months).</summary>
public sealed class ScheduleFollowUp : CaseStep<ScheduleFollowUpRequest>
{
    public override string Slug => "schedule-follow-up";
    public override string Title => "Planlegg oppfølging";
    public override IReadOnlyList<string> Triggers => ["ScheduleFollowUp"];
    public override IReadOnlyList<FormField> Form => [];

    public override StepFiring Fire(CaseAtHand atHand, ScheduleFollowUpRequest request, ClaimsPrincipal user) => new("ScheduleFollowUp", []);
}
