using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.ApproveTrack;

public sealed class ApprovalRequest
{
    public bool? Approve { get; set; }

    [FreeText]
    public string? Reason { get; set; }
}

/// <summary>A Lead approves an attendance order, or rejects it with a reason (the case goes back to choosing a track).</summary>
public sealed class ApproveTrack : CaseStep<ApprovalRequest>
{
    public override string Slug => "approve-track";
    public override string Title => "Godkjenn eller avslå pålegg om oppmøte";
    public override IReadOnlyList<string> Triggers => ["ApproveAttendanceOrder", "RejectAttendanceOrder"];
    public override IReadOnlyList<FormField> Form => Approval.Form;

    public override Task ValidateAsync(CaseAtHand atHand, ApprovalRequest request, FieldErrors errors, CancellationToken cancellationToken) =>
        Approval.Validate(request, errors);

    public override StepFiring Fire(CaseAtHand atHand, ApprovalRequest request, ClaimsPrincipal user) =>
        Approval.Fire(atHand, request, user, Slug, "ApproveAttendanceOrder", "RejectAttendanceOrder");
}

/// <summary>What approving and rejecting have in common, for attendance orders and fetch decisions alike.</summary>
public static class Approval
{
    public static IReadOnlyList<FormField> Form =>
    [
        new("approve", "Godkjenner du?", FieldKind.YesNo),
        new("reason", "Begrunnelse (påkrevd ved avslag)", FieldKind.LongText, Required: false),
    ];

    public static Task Validate(ApprovalRequest request, FieldErrors errors)
    {
        errors.Required("approve", request.Approve);
        if (request.Approve == false)
        {
            errors.Required("reason", request.Reason, FieldErrors.LongText);
        }

        errors.MaxLength("reason", request.Reason, FieldErrors.LongText);
        return Task.CompletedTask;
    }

    public static StepFiring Fire(CaseAtHand atHand, ApprovalRequest request, ClaimsPrincipal user, string slug, string approve, string reject)
    {
        var approved = request.Approve == true;
        var input = approved ? [] : new JsonObject { ["reason"] = request.Reason!.Trim() };
        return new StepFiring(approved ? approve : reject, input, (db, scope, _) =>
        {
            CaseEntries.Record(db, scope, atHand.Id, slug, user.StaffId(), ("decision", approved ? "approved" : "rejected"), ("reason", request.Reason));
            return Task.CompletedTask;
        });
    }
}
