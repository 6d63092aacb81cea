using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Email;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BekymringssamtaleService.Web.Jobs;

/// <summary>
/// An administrator's check that jobs run and mail gets through: one message to the administrator's own address.
/// Takes a staff id only; the address is looked up when the job runs.
/// </summary>
public sealed class SendOperationsTestMail(ServiceDbContext db, SmtpMailSender sender, TimeProvider time)
{
    public const string Subject = "Testmelding fra Bekymringssamtale";

    public async Task RunAsync(string staffId, CancellationToken cancellationToken)
    {
        var recipient = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Id == staffId)
            .Select(s => new { s.DisplayName, s.Email })
            .SingleOrDefaultAsync(cancellationToken);
        if (recipient is null)
        {
            return; // The user was removed after the job was enqueued: nothing to send.
        }

        var message = new MimeMessage
        {
            Subject = Subject,
            Date = time.GetUtcNow(),
            Body = new TextPart("plain")
            {
                Text = "Dette er en testmelding. Når du leser den, kjører jobbene og e-post kommer fram.",
            },
        };
        message.From.Add(sender.From);
        message.To.Add(new MailboxAddress(recipient.DisplayName, recipient.Email));
        await sender.SendAsync(message, cancellationToken);
    }
}
