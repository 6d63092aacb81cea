using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BekymringssamtaleService.Web.Email;

/// <summary>Sends one message through the configured SMTP server and returns the server's reply.</summary>
public sealed partial class SmtpMailSender(IOptions<SmtpSettings> settings, ILogger<SmtpMailSender> logger)
{
    public MailboxAddress From => new(settings.Value.FromName, settings.Value.FromAddress);

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = settings.Value;
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, ToMailKit(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        var reply = await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogAccepted(logger, message.MessageId);
        return reply;
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
