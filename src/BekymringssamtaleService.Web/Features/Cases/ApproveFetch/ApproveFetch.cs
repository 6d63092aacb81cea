using System.Security.Claims;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.ApproveTrack;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.ApproveFetch;

/// <summary>A Lead approves fetching (avhenting) the youth, the last resort after a missed attendance order, or rejects it.</summary>
public sealed class ApproveFetch : CaseStep<ApprovalRequest>
{
    public override string Slug => "approve-fetch";
    public override string Title => "Godkjenn eller avslå avhenting";
    public override IReadOnlyList<string> Triggers => ["ApproveFetch", "RejectFetch"];
    public override IReadOnlyList<FormField> Form => Approval.Form;

    public override Task ValidateAsync(CaseAtHand atHand, ApprovalRequest request, FieldErrors errors, CancellationToken cancellationToken) =>
        Approval.Validate(request, errors);

    public override StepFiring Fire(CaseAtHand atHand, ApprovalRequest request, ClaimsPrincipal user) =>
        Approval.Fire(atHand, request, user, Slug, "ApproveFetch", "RejectFetch");
}
