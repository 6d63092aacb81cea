using System.Security.Claims;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.Steps;

/// <summary>What a step writes besides the transition: its own rows, on the transition's transaction.</summary>
public delegate Task StepWrites(ServiceDbContext db, TransitionScope scope, CancellationToken cancellationToken);

/// <summary>
/// What the page's form or the API's body held: the request, or the field errors of reading it. Those are reported
/// only after the gate, so a malformed request says nothing about a case the user may not see.
/// </summary>
public sealed record PostedRequest(object? Value, IReadOnlyDictionary<string, string[]> ReadErrors)
{
    public static PostedRequest Read(object value) => new(value, new Dictionary<string, string[]>());

    public static PostedRequest Unreadable(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);
}

/// <summary>
/// Takes one step on a case, the same way for the page and the API: (1) the gate (<see cref="CaseScope"/>) has found
/// the case by role × unit before the handler ran, and the request's reading errors are told only now; (2) the step's
/// rules, with the case the gate found;
/// (3) the trigger, with the step's own rows and the access-log row in the same transaction. Refused, invalid or
/// conflicting steps save nothing.
/// </summary>
public sealed class CaseSteps(WorkflowTransitions transitions, WorkflowCatalog catalog)
{
    public async Task<StepResult> TakeAsync(ICaseStep step, ClaimsPrincipal user, CaseAtHand atHand, PostedRequest posted, CancellationToken cancellationToken)
    {
        if (posted.Value is not { } request)
        {
            return new StepResult.Unreadable(posted.ReadErrors);
        }

        if (await step.NotYetAsync(atHand, cancellationToken) is { } notYet)
        {
            return new StepResult.NotNow(notYet);
        }

        if (await step.RefusalAsync(atHand, request, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        await step.ValidateAsync(atHand, request, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var firing = step.Fire(atHand, request, user);
        if (!step.Triggers.Contains(firing.Trigger))
        {
            throw new InvalidOperationException($"The step '{step.Slug}' chose the trigger '{firing.Trigger}', which is not among the triggers it declares.");
        }

        return await FireAsync(user, atHand, firing, cancellationToken);
    }

    private async Task<StepResult> FireAsync(ClaimsPrincipal user, CaseAtHand atHand, StepFiring firing, CancellationToken cancellationToken)
    {
        var actor = new Actor(user.StaffId(), [.. user.Roles().Select(role => role.ToString())]);
        try
        {
            var outcome = await transitions.FireAsync(atHand.Id, firing.Trigger, firing.Input, actor, Alongside, cancellationToken);
            return outcome switch
            {
                FireOutcome.Fired fired => new StepResult.Done(atHand.Id, fired.ToState, firing.Created),
                FireOutcome.InvalidInput invalid => new StepResult.Invalid(invalid.Errors.ToDictionary(e => e.Key, e => new[] { e.Value })),
                FireOutcome.Refused { Reason: TriggerCheck.RoleNotAllowed } => new StepResult.Forbidden("Rollen din kan ikke ta dette steget."),
                FireOutcome.Refused { Reason: TriggerCheck.SameActorAsked } => new StepResult.NotNow(
                    "Du ba selv om dette, og fire øyne gjelder: en annen leder i enheten må godkjenne eller avslå det."),
                FireOutcome.Refused { Reason: TriggerCheck.NotFromThisState } => new StepResult.NotNow(WhenPossible(firing.Trigger, atHand.State)),
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

        // The refusal names the steps from which it becomes possible.
        string WhenPossible(string trigger, string state)
        {
            var definition = catalog.Get(CaseWorkflow.Name);
            var from = definition.Trigger(trigger).From;
            var now = $"Saken står på «{definition.State(state).Title}»";
            return from is null
                ? $"{now}, og dette kan bare gjøres i en åpen sak."
                : $"{now}. Dette kan gjøres når saken står på {string.Join(" eller ", from.Select(name => $"«{definition.State(name).Title}»"))}.";
        }

        async Task Alongside(TransitionScope scope, CancellationToken token)
        {
            await using var transactionDb = await TransitionDbContext.OpenAsync(scope, token);
            if (firing.Writes is not null)
            {
                await firing.Writes(transactionDb, scope, token);
            }

            AccessLog.Add(transactionDb, user, atHand.UnitCode, atHand.Id, firing.Trigger, scope.Now, CaseWorkflow.PurposeOf(firing.Trigger));
            await transactionDb.SaveChangesAsync(token);
        }
    }
}
