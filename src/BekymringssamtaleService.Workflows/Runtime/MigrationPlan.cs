using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>What moving a workflow's running instances to another published version would do, instance by instance.</summary>
public sealed record MigrationPlan(string Workflow, int ToVersion, bool DryRun, IReadOnlyList<MigrationItem> Items)
{
    public IEnumerable<MigrationItem> Moved => Items.Where(item => item.Refusal is null);

    public IEnumerable<MigrationItem> Refused => Items.Where(item => item.Refusal is not null);

    /// <summary>
    /// Why an instance in the state (having come from the previous state) cannot move to the target version, or null
    /// when it can: the target must have both, or the instance would stand in, or resume to, a step that does not exist.
    /// </summary>
    public static string? Refusal(WorkflowDefinition target, int targetVersion, string state, string? previousState) =>
        !target.States.Any(candidate => candidate.Name == state) ? $"Versjon {targetVersion} mangler steget {state}."
        : previousState is not null && !target.States.Any(candidate => candidate.Name == previousState)
            ? $"Versjon {targetVersion} mangler steget {previousState}, som saken går tilbake til."
        : null;
}

/// <summary>One instance: moved, or refused with the reason (a state the new version lacks).</summary>
public sealed record MigrationItem(Guid InstanceId, int FromVersion, string State, string? Refusal);
