using BekymringssamtaleService.Web.Email;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BekymringssamtaleService.IntegrationTests;

public sealed class MailTests(SharedHost shared)
{
    [Fact]
    public async Task A_mail_sent_through_the_MailKit_sender_arrives_in_the_SMTP_sink_with_its_headers_and_body()
    {
        var sender = shared.Host.Services.GetRequiredService<SmtpMailSender>();
        var messageId = $"{Guid.NewGuid():N}@bekymringssamtale.test";
        var message = new MimeMessage { MessageId = messageId, Subject = "Innkalling til samtale" };
        message.From.Add(sender.From);
        message.To.Add(new MailboxAddress("Foresatt", "foresatt@example.com"));
        message.Body = new BodyBuilder { TextBody = "Tid: tirsdag kl. 10.00", HtmlBody = "<p>Tid: tirsdag kl. 10.00</p>" }.ToMessageBody();

        var reply = await sender.SendAsync(message, TestContext.Current.CancellationToken);

        var received = await shared.Host.Mailbox.WaitForAsync(m => m.MessageId == messageId, TimeSpan.FromSeconds(10));
        Assert.Equal("Ok", reply); // the sink's 250 reply text, as MailKit returns it
        Assert.Equal("Innkalling til samtale", received.Subject);
        Assert.Equal("forebygging@politiet.example", received.From.Mailboxes.Single().Address);
        Assert.Equal("foresatt@example.com", received.To.Mailboxes.Single().Address);
        Assert.Equal("Tid: tirsdag kl. 10.00", received.TextBody?.Trim());
        Assert.Equal("<p>Tid: tirsdag kl. 10.00</p>", received.HtmlBody?.Trim());
    }
}
