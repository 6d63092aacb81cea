using BekymringssamtaleService.Web.Jobs;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.ConcernConversation;

/// <summary>
/// On every host that runs jobs: each polling interval, fires the workflow timers that are due, in batches, without
/// waiting for the job system to move each scheduled job to its queue one by one. Ten thousand reminders due at the
/// same instant are then limited by the database and the mail server, not by the scheduler. Timers still have their
/// scheduled jobs (and the reconciler) as before; the claim on the timer row makes sure each fires once.
/// </summary>
public sealed partial class DueTimerPump(WorkflowRuntime runtime, IOptions<JobSettings> settings, TimeProvider time, ILogger<DueTimerPump> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private const int Parallelism = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var tick = new PeriodicTimer(settings.Value.PollingInterval, time);
        while (await tick.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await runtime.FireDueTimersAsync(BatchSize, Parallelism, stoppingToken) == BatchSize)
                {
                    // A full batch: more are due; go on at once.
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The scheduled jobs and the reconciler still fire what this round missed.
                LogFailed(logger, exception.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Firing due timers failed ({Failure}); the next round tries again")]
    private static partial void LogFailed(ILogger logger, string failure);
}
