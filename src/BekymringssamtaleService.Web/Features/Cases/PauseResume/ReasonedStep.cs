using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.PauseResume;

public sealed class ReasonRequest
{
    [FreeText]
    public string? Reason { get; set; }
}

/// <summary>A step that needs nothing but a reason, recorded on the case (pause, cancel the meeting, cancel the case).</summary>
public abstract class ReasonedStep(string trigger) : CaseStep<ReasonRequest>
{
    public override IReadOnlyList<string> Triggers => [trigger];

    public override IReadOnlyList<FormField> Form => [new("reason", "Begrunnelse", FieldKind.LongText)];

    public override Task ValidateAsync(CaseAtHand atHand, ReasonRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("reason", request.Reason, FieldErrors.LongText);
        return Task.CompletedTask;
    }

    public override StepFiring Fire(CaseAtHand atHand, ReasonRequest request, ClaimsPrincipal user) =>
        new(TriggerFor(atHand), new JsonObject { ["reason"] = request.Reason!.Trim() }, async (db, scope, token) =>
        {
            CaseEntries.Record(db, scope, atHand.Id, Slug, user.StaffId(), ("reason", request.Reason));
            await AlsoAsync(db, scope, atHand.Id, token);
        });

    /// <summary>Which of <see cref="Triggers"/> the step fires on the case where it stands; the one it was made with unless a step has more.</summary>
    protected virtual string TriggerFor(CaseAtHand atHand) => trigger;

    /// <summary>What else the step changes in the same transaction.</summary>
    protected virtual Task AlsoAsync(ServiceDbContext db, TransitionScope scope, Guid caseId, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
