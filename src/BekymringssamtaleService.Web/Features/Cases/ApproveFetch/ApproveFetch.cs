using System.Security.Claims;
using BekymringssamtaleService.Web.Cases;
using BekymringssamtaleService.Web.Features.Cases.ApproveTrack;

namespace BekymringssamtaleService.Web.Features.Cases.ApproveFetch;

/// <summary>A Lead approves fetching (avhenting) the youth, the last resort after a missed attendance order, or rejects it.</summary>
public sealed class ApproveFetch(CaseSteps steps) : CaseStep<ApprovalRequest>
{
    public override string Slug => "approve-fetch";
    public override string Title => "Godkjenn eller avslå avhenting";
    public override IReadOnlyList<string> Triggers => ["ApproveFetch", "RejectFetch"];
    public override IReadOnlyList<FormField> Form => Approval.Form;

    public override Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, ApprovalRequest request, CancellationToken cancellationToken) =>
        Approval.HandleAsync(steps, user, caseId, request, Slug, "ApproveFetch", "RejectFetch", cancellationToken);
}
