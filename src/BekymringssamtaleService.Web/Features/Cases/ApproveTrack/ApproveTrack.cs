using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Cases;

namespace BekymringssamtaleService.Web.Features.Cases.ApproveTrack;

public sealed class ApprovalRequest
{
    public bool? Approve { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A Lead approves an attendance order, or rejects it with a reason (the case goes back to choosing a track).</summary>
public sealed class ApproveTrack(CaseSteps steps) : CaseStep<ApprovalRequest>
{
    public override string Slug => "approve-track";
    public override string Title => "Godkjenn eller avslå pålegg om oppmøte";
    public override IReadOnlyList<string> Triggers => ["ApproveAttendanceOrder", "RejectAttendanceOrder"];
    public override IReadOnlyList<FormField> Form => Approval.Form;

    public override Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, ApprovalRequest request, CancellationToken cancellationToken) =>
        Approval.HandleAsync(steps, user, caseId, request, Slug, "ApproveAttendanceOrder", "RejectAttendanceOrder", cancellationToken);
}

/// <summary>What approving and rejecting have in common, for attendance orders and fetch decisions alike.</summary>
public static class Approval
{
    public static IReadOnlyList<FormField> Form =>
    [
        new("approve", "Godkjenner du?", FieldKind.YesNo),
        new("reason", "Begrunnelse (påkrevd ved avslag)", FieldKind.LongText, Required: false),
    ];

    public static async Task<StepResult> HandleAsync(
        CaseSteps steps, ClaimsPrincipal user, Guid caseId, ApprovalRequest request, string slug, string approve, string reject, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("approve", request.Approve);
        if (request.Approve == false)
        {
            errors.Required("reason", request.Reason, FieldErrors.LongText);
        }

        errors.MaxLength("reason", request.Reason, FieldErrors.LongText);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var approved = request.Approve == true;
        var input = approved ? [] : new JsonObject { ["reason"] = request.Reason!.Trim() };
        return await steps.TakeAsync(user, caseId, _ => approved ? approve : reject, input, (db, scope, _) =>
        {
            CaseEntries.Record(db, scope, caseId, slug, user.StaffId(), ("decision", approved ? "approved" : "rejected"), ("reason", request.Reason));
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
