using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BekymringssamtaleService.SmtpSink;

/// <summary>
/// A real SMTP server on 127.0.0.1 that accepts every message and hands its raw bytes to a mailbox.
/// Development runs it as its own process writing .eml files; tests host it in-process and read mails back.
/// </summary>
public sealed class SmtpSinkServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;
    private readonly ConcurrentDictionary<string, MessageHold> _holds = new(StringComparer.OrdinalIgnoreCase);

    private SmtpSinkServer(int port, ISinkMailbox mailbox)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp-sink.localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new MailboxStore(mailbox, _holds));
        services.Add(new RecipientFilter(RejectedRecipients));
        services.Add(new NoDelayListenerFactory());
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stopping.Token);
    }

    public int Port { get; }

    /// <summary>Addresses this server refuses at RCPT TO with 550, the way a real server refuses an unknown mailbox.</summary>
    public ConcurrentDictionary<string, bool> RejectedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// From now on, a message to the address is taken in full but DATA is not answered until the hold is released: the
    /// server has the message and stays silent, as a hung server does. Released, the message is stored and accepted.
    /// </summary>
    public MessageHold HoldMessagesTo(string address) => _holds.GetOrAdd(address, _ => new MessageHold());

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public static async Task<SmtpSinkServer> StartAsync(int port, ISinkMailbox mailbox, CancellationToken cancellationToken = default)
    {
        var server = new SmtpSinkServer(port, mailbox);
        await server.WaitUntilListeningAsync(cancellationToken);
        return server;
    }

    /// <summary>Runs until the server stops.</summary>
    public Task Completion => _running;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        _stopping.Dispose();
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_running.IsFaulted)
            {
                await _running;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException) when (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The library answers pipelined commands one write at a time; with Nagle's algorithm on, each answer after the
    /// first waits for the client's delayed acknowledgement (about 40 ms on Linux). Real servers flush the answers
    /// together; here every write goes out at once instead (accepted sockets inherit NoDelay from the listener).
    /// </summary>
    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>The connection as the library reads and writes it; the sink offers no TLS.</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();

        public PipeReader Input => field ??= PipeReader.Create(_stream);

        public PipeWriter Output => field ??= PipeWriter.Create(_stream);

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The sink offers no TLS.");

        public void Dispose() => client.Dispose();
    }

    private sealed class RecipientFilter(ConcurrentDictionary<string, bool> rejected) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!rejected.ContainsKey($"{to.User}@{to.Host}"));
    }

    private sealed class MailboxStore(ISinkMailbox mailbox, ConcurrentDictionary<string, MessageHold> holds) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            foreach (var to in transaction.To)
            {
                if (holds.TryGetValue($"{to.User}@{to.Host}", out var hold))
                {
                    await hold.HoldAsync(cancellationToken);
                }
            }

            await mailbox.StoreAsync(buffer.ToArray(), cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>Messages to one address that the sink has taken and not yet answered (<see cref="SmtpSinkServer.HoldMessagesTo"/>).</summary>
public sealed class MessageHold
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first message is held: its sender is now waiting for the server's answer.</summary>
    public Task Holding => _holding.Task;

    /// <summary>Answers every held message (and lets later ones through at once).</summary>
    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(CancellationToken cancellationToken)
    {
        _holding.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
    }
}

/// <summary>Where the sink puts each message it accepts.</summary>
public interface ISinkMailbox
{
    Task StoreAsync(byte[] message, CancellationToken cancellationToken);
}
