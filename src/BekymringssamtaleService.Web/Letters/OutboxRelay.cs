using BekymringssamtaleService.Web.Jobs;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// On every host that runs jobs: sends the outbox's due letters — new ones at once when this host wrote them (the
/// signal), any host's, retries whose time has come and letters a crashed host left behind at least every polling
/// interval. Several senders drain it at once, each a leased batch at a time; hosts side by side share the letters.
/// </summary>
public sealed partial class OutboxRelay(
    LetterDelivery delivery, OutboxSignal signal, IOptions<JobSettings> settings, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 20;
    /// <summary>How many batches this host sends at once: also how many letters a crash can catch on the wire.</summary>
    public const int Senders = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(settings.Value.PollingInterval, time, stoppingToken);
            try
            {
                // One sender finds out whether there is much to send; only then do the others join in.
                if (await delivery.SendDueAsync(BatchSize, stoppingToken) == BatchSize)
                {
                    await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => DrainAsync(stoppingToken)));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The letters stay pending: the next round sends what this one could not.
                LogFailed(logger, exception.GetType().Name);
            }
        }
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        while (await delivery.SendDueAsync(BatchSize, stoppingToken) == BatchSize)
        {
            // A full batch: more are due; go on at once.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending due letters failed ({Failure}); the next round tries again")]
    private static partial void LogFailed(ILogger logger, string failure);
}

/// <summary>Wakes this host's <see cref="OutboxRelay"/> when letters were written, so they need not wait for its next round.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _written = new(0, 1);

    public void LettersWritten()
    {
        try
        {
            _written.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the relay's next round sends these too.
        }
    }

    public void Dispose() => _written.Dispose();

    /// <summary>Waits until letters are written or the interval has passed, on the given clock.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(interval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _written.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval passed.
        }
    }
}
