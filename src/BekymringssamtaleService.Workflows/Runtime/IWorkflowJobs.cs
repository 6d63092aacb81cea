namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Where the engine hands activity executions after a transition commits: ids only, never data. Timers need no job:
/// their rows are the schedule, fired by <see cref="WorkflowRuntime.FireDueTimersAsync"/> on every job host.
/// </summary>
public interface IWorkflowJobs
{
    void RunActivity(Guid executionId);
}
