using BekymringssamtaleService.Web.Jobs;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// The due-work pump's letter lane: sends the outbox's due letters — at once when this host wrote some (the signal),
/// and any host's new letters, retries whose time has come and letters a crashed host left behind at every round.
/// One sender finds out whether there is much to send; only then do <see cref="Senders"/> drain it side by side.
/// </summary>
public sealed class OutboxSending(LetterDelivery delivery, OutboxSignal written) : IDueWork
{
    public const int BatchSize = 20;

    /// <summary>How many letters one host has on the wire at most: what a crash of the host can make be sent twice.</summary>
    public const int Senders = 4;

    public string Kind => "letters";

    public DueWorkSignal Signal => written.Signal;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (await delivery.SendDueAsync(BatchSize, cancellationToken) == BatchSize)
        {
            await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => DrainAsync(cancellationToken)));
        }

        return false;
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await delivery.SendDueAsync(BatchSize, cancellationToken) == BatchSize)
        {
            // A full batch: more are due; go on at once.
        }
    }
}

/// <summary>
/// Raised by the activities that write letters once their transaction has committed, so this host's letter lane sends
/// them at once. Kept apart from the sending, so writing letters depends on nothing that sends them.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    public DueWorkSignal Signal { get; } = new();

    public void Dispose() => Signal.Dispose();
}
