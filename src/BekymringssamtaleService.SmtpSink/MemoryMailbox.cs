using MimeKit;

namespace BekymringssamtaleService.SmtpSink;

/// <summary>Keeps every message in memory, parsed, for tests to read back and wait for.</summary>
public sealed class MemoryMailbox : ISinkMailbox
{
    private readonly Lock _gate = new();
    private readonly List<MimeMessage> _messages = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public async Task StoreAsync(byte[] message, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(message);
        var parsed = await MimeMessage.LoadAsync(stream, cancellationToken);
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _messages.Add(parsed);
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.SetResult();
    }

    /// <summary>The first message that matches, waiting for it until the timeout.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> matches, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var found = _messages.FirstOrDefault(matches);
                if (found is not null)
                {
                    return found;
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching mail arrived within {timeout}; {Messages.Count} other mail(s) did.");
            }
        }
    }
}
