using BekymringssamtaleService.Web.Jobs;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.ConcernConversation;

/// <summary>
/// On every host that runs jobs: each polling interval, fires the workflow timers that are due, in batches, several
/// at once, and runs what they start (a reminder letter is written here; the outbox relay sends it). Ten thousand
/// reminders due at the same instant are limited by the database and the mail server, not by a scheduler; hosts side
/// by side share them, each timer claimed by one. Timers due while no host ran fire at the first round after a start.
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
                // The timers stay pending: the next round fires what this one missed.
                LogFailed(logger, exception.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Firing due timers failed ({Failure}); the next round tries again")]
    private static partial void LogFailed(ILogger logger, string failure);
}
