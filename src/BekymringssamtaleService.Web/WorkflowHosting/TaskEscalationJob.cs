using BekymringssamtaleService.Workflows.Runtime;
using Hangfire;

namespace BekymringssamtaleService.Web.WorkflowHosting;

/// <summary>The recurring escalation of overdue user tasks (every minute, on any host), a Hangfire job that carries no data.</summary>
public sealed class TaskEscalationJob(UserTasks tasks)
{
    public const string Id = "workflow-task-escalation";
    private const int BatchSize = 500;

    public static void Schedule(IRecurringJobManager recurringJobs) =>
        recurringJobs.AddOrUpdate<TaskEscalationJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    /// <summary>Escalates batch after batch until a batch comes back short: every task overdue now is escalated.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        int escalated;
        do
        {
            escalated = await tasks.EscalateOverdueAsync(BatchSize, cancellationToken);
        }
        while (escalated == BatchSize);
    }
}
