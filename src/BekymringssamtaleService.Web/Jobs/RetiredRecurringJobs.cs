using Hangfire;

namespace BekymringssamtaleService.Web.Jobs;

/// <summary>
/// Removes recurring jobs an earlier version registered and this one no longer has. Left in the storage all hosts
/// share, Hangfire would fail to load them on every host and log the failure until it disabled them.
/// </summary>
public sealed class RetiredRecurringJobs(IRecurringJobManager recurringJobs) : IHostedService
{
    /// <summary>
    /// "letter-reconciler": the outbox relay sends what a crash left pending. "workflow-reconciler": activities run in
    /// the transaction that starts them, and the due-work pump retries those that failed; nothing is left to reconcile.
    /// </summary>
    public static readonly IReadOnlyList<string> Ids = ["letter-reconciler", "workflow-reconciler"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in Ids)
        {
            recurringJobs.RemoveIfExists(id);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
