using BekymringssamtaleService.Workflows.Runtime;
using Hangfire;

namespace BekymringssamtaleService.Workflows.Jobs;

/// <summary>The engine's jobs on Hangfire: each carries one id and looks everything else up when it runs.</summary>
public sealed class HangfireWorkflowJobs(IBackgroundJobClient client) : IWorkflowJobs
{
    public const string ReconcilerJobId = "workflow-reconciler";
    public const string TaskEscalationJobId = "workflow-task-escalation";

    public void RunActivity(Guid executionId) =>
        client.Enqueue<WorkflowJobs>(job => job.RunActivityAsync(executionId, CancellationToken.None));

    /// <summary>
    /// Registers the recurring reconciler (every minute) on the storage all hosts share, and runs it once now: a host
    /// starting after a crash repairs at once what the crash left.
    /// </summary>
    public static void ScheduleReconciler(IRecurringJobManager recurringJobs)
    {
        recurringJobs.AddOrUpdate<WorkflowJobs>(ReconcilerJobId, job => job.ReconcileAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.Trigger(ReconcilerJobId);
    }

    /// <summary>Registers the recurring escalation of overdue user tasks (every minute); any host may run it.</summary>
    public static void ScheduleTaskEscalation(IRecurringJobManager recurringJobs) =>
        recurringJobs.AddOrUpdate<WorkflowJobs>(TaskEscalationJobId, job => job.EscalateOverdueTasksAsync(CancellationToken.None), Cron.Minutely());
}

/// <summary>The methods Hangfire calls; public so its activator can build them.</summary>
public sealed class WorkflowJobs(WorkflowRuntime runtime)
{
    private const int EscalationBatchSize = 500;

    public Task RunActivityAsync(Guid executionId, CancellationToken cancellationToken) => runtime.RunActivityAsync(executionId, cancellationToken);

    public Task ReconcileAsync(CancellationToken cancellationToken) => runtime.ReconcileAsync(cancellationToken);

    /// <summary>Escalates batch after batch until a batch comes back short: every task overdue now is escalated.</summary>
    public async Task EscalateOverdueTasksAsync(CancellationToken cancellationToken)
    {
        int escalated;
        do
        {
            escalated = await runtime.EscalateOverdueTasksAsync(EscalationBatchSize, cancellationToken);
        }
        while (escalated == EscalationBatchSize);
    }
}
