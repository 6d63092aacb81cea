using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Jobs;

/// <summary>
/// One kind of work that falls due by itself (timers, activity retries, letters): rows claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so the pumps of hosts side by side share them.
/// </summary>
public interface IDueWork
{
    /// <summary>For the log: which kind of work failed.</summary>
    string Kind { get; }

    /// <summary>Does one round of due work; true when there may be more due right now (a full batch).</summary>
    Task<bool> RunAsync(CancellationToken cancellationToken);

    /// <summary>Wakes the pump before its interval when this host has just written such work; null: the interval only.</summary>
    DueWorkSignal? Signal { get; }
}

/// <summary>
/// The due-work pump of a job host: one lane per kind of <see cref="IDueWork"/>, side by side, each running its work
/// when it is signalled and at least every <see cref="JobSettings.PollingInterval"/>, and at once again as long as
/// it finds a full batch. A failed round is logged (its kind and the error's type) and the next round tries again.
/// Work that fell due while no host ran is found at the first round after a start. What is due is decided by the
/// injected clock; the interval itself is a cadence in real time, like a socket's timeout, so a test that moves its
/// clock still has a pump that looks again.
/// </summary>
public sealed partial class DueWorkPump(IEnumerable<IDueWork> work, IOptions<JobSettings> settings, ILogger<DueWorkPump> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(work.Select(lane => Task.Run(() => RunLaneAsync(lane, stoppingToken), stoppingToken)));

    private async Task RunLaneAsync(IDueWork lane, CancellationToken stoppingToken)
    {
        var interval = settings.Value.PollingInterval;
        using var idle = new DueWorkSignal();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await lane.RunAsync(stoppingToken))
                {
                    // A full batch: more is due; go on at once.
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, lane.Kind, exception.GetType().Name);
            }

            try
            {
                await (lane.Signal ?? idle).WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Due work {Kind} failed ({Failure}); the next round tries again")]
    private static partial void LogFailed(ILogger logger, string kind, string failure);
}

/// <summary>Wakes a lane of this host's <see cref="DueWorkPump"/> when work was written, so it need not wait for its next round.</summary>
public sealed class DueWorkSignal : IDisposable
{
    private readonly SemaphoreSlim _written = new(0, 1);

    /// <summary>Never fails: it is called after a commit, which nothing may turn into an error.</summary>
    public void Raise()
    {
        try
        {
            _written.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: the lane's next round takes this work too.
        }
        catch (ObjectDisposedException)
        {
            // The host is stopping; the work is found by polling after the next start.
        }
    }

    public void Dispose() => _written.Dispose();

    /// <summary>Waits until the signal is raised or the interval (real time) has passed.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(interval);
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
