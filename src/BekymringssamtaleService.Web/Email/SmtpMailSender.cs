using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BekymringssamtaleService.Web.Email;

/// <summary>
/// Sends messages through the configured SMTP server over reused connections (one per concurrent sender, kept while
/// they are busy) and returns the server's reply. A connection that failed in any way is closed, never reused.
/// </summary>
public sealed partial class SmtpMailSender(IOptions<SmtpSettings> settings, TimeProvider time, ILogger<SmtpMailSender> logger) : IAsyncDisposable
{
    /// <summary>Servers close idle connections (often after 30–60 s); an older one is closed by us first.</summary>
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(20);

    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> _idle = [];

    public MailboxAddress From => new(settings.Value.FromName, settings.Value.FromAddress);

    /// <summary>
    /// Sends over an idle connection if there is one. A reused connection the server has meanwhile closed fails before
    /// the message is taken; then the message goes once more over a new connection, and only that failure counts.
    /// </summary>
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var (client, reused) = await RentAsync(cancellationToken);
        try
        {
            return await SendOverAsync(client, message, cancellationToken);
        }
        catch (Exception closed) when (reused && closed is IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpProtocolException)
        {
            return await SendOverAsync(await ConnectAsync(cancellationToken), message, cancellationToken);
        }
    }

    private async Task<string> SendOverAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        string reply;
        try
        {
            reply = await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _idle.Add((client, time.GetTimestamp()));
        LogAccepted(logger, message.MessageId);
        return reply;
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var idle))
        {
            await CloseAsync(idle.Client);
        }
    }

    private async Task<(SmtpClient Client, bool Reused)> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && time.GetElapsedTime(idle.IdleSince) < IdleLimit)
            {
                return (idle.Client, true);
            }

            await CloseAsync(idle.Client);
        }

        return (await ConnectAsync(cancellationToken), false);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = settings.Value;
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, ToMailKit(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return client;
    }

    private static async Task CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception exception) when (exception is IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpProtocolException)
        {
            // The server went away first; the connection is closed either way.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageId} accepted by the SMTP server")]
    private static partial void LogAccepted(ILogger logger, string? messageId);
}
