using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// What moving a workflow's running instances from older versions to <see cref="ToVersion"/> does, instance by
/// instance: before a migration, what it would do; after it, what it did (every movable item was moved).
/// </summary>
public sealed record MigrationPlan(string Workflow, int ToVersion, IReadOnlyList<MigrationItem> Items)
{
    public IEnumerable<MigrationItem> Movable => Items.Where(item => item.Movable);

    public IEnumerable<MigrationItem> Unmovable => Items.Where(item => !item.Movable);
}

/// <summary>One running instance: where it stands and waits, and why it cannot move (null when it can).</summary>
public sealed record MigrationItem(Guid InstanceId, int FromVersion, string State, IReadOnlyList<string> WaitingAt, string? Refusal)
{
    public bool Movable => Refusal is null;
}

/// <summary>What a running instance waits at: its state (and the state it would resume to), its pending timers and open tasks.</summary>
public sealed record InstanceWaits(string State, string? PreviousState, IReadOnlyList<string> Timers, IReadOnlyList<OpenTaskWait> Tasks)
{
    /// <summary>The timers and tasks by name, for a plan to show.</summary>
    public IReadOnlyList<string> Names => [.. Timers.Select(timer => $"timer {timer}"), .. Tasks.Select(task => $"task {task.Name}")];

    /// <summary>
    /// Why the instance cannot move to the target version, or null when it can: every activity it waits at must exist
    /// there — its state and the state it would resume to, each pending timer in that state, each open task of the
    /// state, and every trigger that completes or answers an open task. Otherwise it would stand in a step that does not
    /// exist, or wait for something nothing fires.
    /// </summary>
    public string? Refusal(WorkflowDefinition target, int targetVersion)
    {
        var state = target.States.FirstOrDefault(candidate => candidate.Name == State);
        if (state is null)
        {
            return $"version {targetVersion} has no state {State}";
        }

        if (PreviousState is not null && !target.States.Any(candidate => candidate.Name == PreviousState))
        {
            return $"version {targetVersion} has no state {PreviousState}, which the instance would return to";
        }

        if (Timers.FirstOrDefault(timer => !state.Timers.Any(candidate => candidate.Name == timer)) is { } missingTimer)
        {
            return $"version {targetVersion} has no timer {missingTimer} in the state {State}";
        }

        if (Tasks.FirstOrDefault(task => task.OfTheState && !state.Tasks.Any(candidate => candidate.Name == task.Name)) is { } missingTask)
        {
            return $"version {targetVersion} has no task {missingTask.Name} in the state {State}";
        }

        foreach (var task in Tasks)
        {
            if (task.AnsweredBy.FirstOrDefault(trigger => !target.HasTrigger(trigger)) is { } missingTrigger)
            {
                return $"version {targetVersion} has no trigger {missingTrigger}, which the open task {task.Name} waits for";
            }
        }

        return null;
    }
}

/// <summary>An open task: whether the state made it (it ends with the state) and the triggers that complete or answer it.</summary>
public sealed record OpenTaskWait(string Name, bool OfTheState, IReadOnlyList<string> AnsweredBy);
