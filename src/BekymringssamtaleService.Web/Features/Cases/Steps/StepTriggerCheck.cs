using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Web.Features.Cases.Steps;

/// <summary>
/// The workflow file and the steps agree, checked before the host serves anything: every trigger a person may fire
/// (its roles are not only "system") has exactly one step, and every trigger a step names is one the definition has
/// and a person may fire. A mismatch stops the start and names the trigger.
/// </summary>
public sealed class StepTriggerCheck(WorkflowDefinition definition, IServiceScopeFactory scopes) : IHostedLifecycleService
{
    /// <summary>What does not agree, one sentence per trigger; empty when all is well.</summary>
    public static IReadOnlyList<string> Mismatches(WorkflowDefinition definition, IEnumerable<ICaseStep> steps)
    {
        var stepsByTrigger = steps
            .SelectMany(step => step.Triggers.Distinct(StringComparer.Ordinal).Select(trigger => (Trigger: trigger, Step: step.Slug)))
            .ToLookup(pair => pair.Trigger, pair => pair.Step, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var trigger in definition.Triggers.Where(FiredByPeople))
        {
            var firing = stepsByTrigger[trigger.Name].ToList();
            if (firing.Count == 0)
            {
                problems.Add($"The trigger '{trigger.Name}' may be fired by {string.Join(", ", trigger.Roles)}, but no step fires it.");
            }
            else if (firing.Count > 1)
            {
                problems.Add($"The trigger '{trigger.Name}' is fired by more than one step: {string.Join(", ", firing)}.");
            }
        }

        foreach (var group in stepsByTrigger)
        {
            if (!definition.HasTrigger(group.Key))
            {
                problems.Add($"The step '{string.Join(", ", group)}' fires the trigger '{group.Key}', which the workflow does not have.");
            }
            else if (!FiredByPeople(definition.Trigger(group.Key)))
            {
                problems.Add($"The step '{string.Join(", ", group)}' fires the trigger '{group.Key}', which only the system may fire.");
            }
        }

        return problems;
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var problems = Mismatches(definition, scope.ServiceProvider.GetServices<ICaseStep>());
        return problems.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                $"The workflow '{definition.Name}' and the case steps do not agree: {string.Join(" ", problems)}");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool FiredByPeople(TriggerDefinition trigger) => trigger.Roles.Any(role => role != TriggerDefinition.SystemRole);
}
