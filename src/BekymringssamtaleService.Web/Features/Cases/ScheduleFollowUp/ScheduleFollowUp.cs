using System.Security.Claims;
using BekymringssamtaleService.Web.Cases;

namespace BekymringssamtaleService.Web.Features.Cases.ScheduleFollowUp;

public sealed class ScheduleFollowUpRequest;

/// <summary>Starts the follow-up: conversations at the intervals the workflow sets (default four weeks and three months).</summary>
public sealed class ScheduleFollowUp(CaseSteps steps) : CaseStep<ScheduleFollowUpRequest>
{
    public override string Slug => "schedule-follow-up";
    public override string Title => "Planlegg oppfølging";
    public override IReadOnlyList<string> Triggers => ["ScheduleFollowUp"];
    public override IReadOnlyList<FormField> Form => [];

    public override Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, ScheduleFollowUpRequest request, CancellationToken cancellationToken) =>
        steps.TakeAsync(user, caseId, _ => "ScheduleFollowUp", [], null, cancellationToken);
}
