using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Cases;

/// <summary>The case as a step sees it before choosing its trigger: where it stands and on which track.</summary>
public sealed record CaseAtHand(Guid Id, string UnitCode, string State, string? Track);

/// <summary>What a step writes besides the transition: its own rows, on the transition's transaction.</summary>
public delegate Task StepWrites(ServiceDbContext db, TransitionScope scope, CancellationToken cancellationToken);

/// <summary>
/// Takes one step on a case: checks role × unit, fires the workflow trigger and saves the step's own rows and the
/// access-log row in the same transaction. Refused, invalid or conflicting steps save nothing.
/// </summary>
public sealed class CaseSteps(ServiceDbContext db, WorkflowTransitions transitions)
{
    public async Task<CaseAtHand?> FindAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var found = await db.Cases
            .Where(c => c.Id == caseId)
            .Join(db.WorkflowInstances, c => c.Id, i => i.Id, (c, i) => new { c.UnitCode, i.State, i.Data })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new CaseAtHand(caseId, found.UnitCode, found.State, JsonNode.Parse(found.Data)?["track"]?.GetValue<string>());
    }

    public Task<string?> OffenceReferenceAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.Where(c => c.Id == caseId).Select(c => c.OffenceReference).SingleOrDefaultAsync(cancellationToken);

    public Task<Meeting?> BookedMeetingAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.CaseId == caseId && m.Status == MeetingStatus.Booked, cancellationToken);

    public async Task<IReadOnlySet<int>> GuardianIdsAsync(Guid caseId, CancellationToken cancellationToken) =>
        (await db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.Guardians).Select(g => g.Id).ToListAsync(cancellationToken)).ToHashSet();

    public async Task<StepResult> TakeAsync(
        ClaimsPrincipal user,
        Guid caseId,
        Func<CaseAtHand, string> trigger,
        JsonObject input,
        StepWrites? writes,
        CancellationToken cancellationToken)
    {
        var atHand = await FindAsync(caseId, cancellationToken);
        if (atHand is null)
        {
            return new StepResult.NotFound();
        }

        switch (CaseAccess.ToCase(user, atHand.UnitCode))
        {
            case CaseAccessDecision.NotFound:
                return new StepResult.NotFound();
            case CaseAccessDecision.Forbidden:
                return new StepResult.Forbidden("Rollen din gir ikke tilgang til saker.");
        }

        var triggerName = trigger(atHand);
        var actor = new Actor(user.StaffId(), [.. user.Roles().Select(role => role.ToString())]);
        try
        {
            var outcome = await transitions.FireAsync(caseId, triggerName, input, actor, Alongside, cancellationToken);
            return outcome switch
            {
                FireOutcome.Fired fired => new StepResult.Done(caseId, fired.ToState),
                FireOutcome.InvalidInput invalid => new StepResult.Invalid(invalid.Errors.ToDictionary(e => e.Key, e => new[] { e.Value })),
                FireOutcome.Refused { Reason: TriggerCheck.RoleNotAllowed } => new StepResult.Forbidden("Rollen din kan ikke ta dette steget."),
                FireOutcome.Refused => new StepResult.NotNow("Saken står ikke på et steg der dette kan gjøres."),
                FireOutcome.Conflict => new StepResult.Conflict(),
                _ => new StepResult.NotFound(),
            };
        }
        catch (StepRefusedException refused)
        {
            return StepResult.Invalid.Field(refused.Field, refused.Message);
        }
        catch (ActivityRefusedException refused)
        {
            // The step's work (its letter) cannot be done with the case as it is: nothing of the step is saved.
            return new StepResult.NotNow(refused.Message);
        }

        async Task Alongside(TransitionScope scope, CancellationToken token)
        {
            await using var transactionDb = await TransitionDbContext.OpenAsync(scope, token);
            if (writes is not null)
            {
                await writes(transactionDb, scope, token);
            }

            AccessLog.Add(transactionDb, user, atHand.UnitCode, caseId, triggerName, scope.Now);
            await transactionDb.SaveChangesAsync(token);
        }
    }
}
