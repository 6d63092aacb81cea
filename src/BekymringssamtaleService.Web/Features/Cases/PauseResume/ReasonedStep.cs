using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Cases;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.PauseResume;

public sealed class ReasonRequest
{
    public string? Reason { get; set; }
}

/// <summary>A step that needs nothing but a reason, recorded on the case (pause, cancel the meeting, cancel the case).</summary>
public abstract class ReasonedStep(CaseSteps steps, string trigger) : CaseStep<ReasonRequest>
{
    public override IReadOnlyList<string> Triggers => [trigger];

    public override IReadOnlyList<FormField> Form => [new("reason", "Begrunnelse", FieldKind.LongText)];

    public override async Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, ReasonRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("reason", request.Reason, FieldErrors.LongText);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var input = new JsonObject { ["reason"] = request.Reason!.Trim() };
        return await steps.TakeAsync(user, caseId, _ => trigger, input, async (db, scope, token) =>
        {
            CaseEntries.Record(db, scope, caseId, Slug, user.StaffId(), ("reason", request.Reason));
            await AlsoAsync(db, scope, caseId, token);
        }, cancellationToken);
    }

    /// <summary>What else the step changes in the same transaction.</summary>
    protected virtual Task AlsoAsync(ServiceDbContext db, TransitionScope scope, Guid caseId, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
