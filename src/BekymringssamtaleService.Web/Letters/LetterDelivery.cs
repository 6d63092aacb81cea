using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Email;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// The send job: claims one pending letter, sends exactly the stored text, HTML and calendar entry with the letter's
/// stable Message-ID, and marks it sent with the server's reply. A failure rolls back and the job system retries.
/// </summary>
public sealed class LetterDelivery(NpgsqlDataSource database, SmtpMailSender sender, TimeProvider time)
{
    public async Task SendAsync(Guid letterId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var db = await TransitionDbContext.OpenAsync(connection, transaction, cancellationToken);
        var letter = await db.Letters
            .FromSql($"SELECT * FROM letters WHERE id = {letterId} AND status = 'Pending' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(cancellationToken);
        if (letter is null)
        {
            return; // Sent already, or being sent by another worker right now.
        }

        var now = time.GetUtcNow();
        letter.Attempts++;
        letter.ServerReply = await sender.SendAsync(ToMessage(letter, sender.From, now), cancellationToken);
        letter.Status = LetterStatus.Sent;
        letter.SentAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static MimeMessage ToMessage(Letter letter, MailboxAddress from, DateTimeOffset now)
    {
        var body = new BodyBuilder { TextBody = letter.TextBody, HtmlBody = letter.HtmlBody };
        if (letter.Calendar is not null)
        {
            var method = letter.Calendar.Contains("METHOD:CANCEL", StringComparison.Ordinal) ? "CANCEL" : "REQUEST";
            var calendar = body.Attachments.Add("samtale.ics", System.Text.Encoding.UTF8.GetBytes(letter.Calendar), ContentType.Parse($"text/calendar; method={method}; charset=utf-8"));
            calendar.ContentType.Name = "samtale.ics";
        }

        var message = new MimeMessage
        {
            MessageId = letter.MessageId,
            Subject = letter.Subject,
            Date = now,
            Body = body.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(letter.RecipientName, letter.RecipientEmail));
        return message;
    }
}
