using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Email;
using BekymringssamtaleService.Workflows.Runtime;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// The outbox's sending: claims letters that are due (new, or their next attempt has come), sends exactly the stored
/// text, HTML and calendar entry with each letter's stable Message-ID, and records what the server said. A passing
/// failure is tried again later with a growing delay until the last attempt makes the letter an incident; a recipient
/// the server refuses for good (5xx) is recorded as rejected and the case's officers get a task to correct the
/// address. Only ids go into logs.
/// </summary>
public sealed partial class LetterDelivery(
    NpgsqlDataSource database,
    SmtpMailSender sender,
    UserTasks tasks,
    IOptions<LetterDeliverySettings> settings,
    TimeProvider time,
    ILogger<LetterDelivery> logger)
{
    /// <summary>
    /// Claims up to a batch of due letters, oldest first, that no other worker holds (<c>SKIP LOCKED</c>: hosts side
    /// by side take different letters), tries each and records the outcomes in the same transaction. A crash before
    /// the commit leaves them pending with their Message-IDs: sent again by the next round, they are recognisably the
    /// same letters. Returns how many were claimed.
    /// </summary>
    public async Task<int> SendDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await AnyDueAsync(connection, now, cancellationToken))
        {
            return 0; // The usual answer of an idle round: one cheap query, no transaction.
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var db = await TransitionDbContext.OpenAsync(connection, transaction, cancellationToken);
        var letters = await db.Letters
            .FromSql($"""
                SELECT * FROM letters WHERE status = 'Pending' AND coalesce(next_attempt_at, created_at) <= {now}
                ORDER BY created_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var letter in letters)
        {
            await AttemptAsync(letter, connection, transaction, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return letters.Count;
    }

    private static async Task<bool> AnyDueAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM letters WHERE status = 'Pending' AND coalesce(next_attempt_at, created_at) <= @now)", connection);
        command.Parameters.AddWithValue("now", now);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>An administrator's retry of a letter that became an incident: a fresh round of attempts, from the pump's next round.</summary>
    public async Task<bool> RetryFailedAsync(Guid letterId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE letters SET status = 'Pending', attempts = 0, next_attempt_at = NULL WHERE id = @id AND status = 'Failed'");
        command.Parameters.AddWithValue("id", letterId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>One attempt at one letter, its outcome recorded on the letter (and a task, if the address is refused).</summary>
    private async Task AttemptAsync(Letter letter, NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        letter.Attempts++;
        try
        {
            letter.ServerReply = await sender.SendAsync(ToMessage(letter, sender.From, now), cancellationToken);
            letter.Status = LetterStatus.Sent;
            letter.SentAt = now;
            letter.NextAttemptAt = null;
        }
        catch (SmtpCommandException refusal) when (IsRecipientRefusedForGood(refusal))
        {
            letter.Status = LetterStatus.Rejected;
            letter.ServerReply = $"{(int)refusal.StatusCode} {refusal.ErrorCode}";
            letter.NextAttemptAt = null;
            await AddAddressTaskAsync(connection, transaction, letter, now, cancellationToken);
            LogRejected(logger, letter.Id, (int)refusal.StatusCode);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            letter.ServerReply = Describe(failure);
            if (letter.Attempts >= settings.Value.MaxAttempts)
            {
                letter.Status = LetterStatus.Failed;
                letter.NextAttemptAt = null;
                LogGaveUp(logger, letter.Id, letter.Attempts, failure.GetType().Name);
            }
            else
            {
                var retryIn = settings.Value.RetryDelay(letter.Attempts);
                letter.NextAttemptAt = now + retryIn;
                LogWillRetry(logger, letter.Id, letter.Attempts, failure.GetType().Name, retryIn);
            }
        }
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

    /// <summary>5xx to RCPT TO: this address will never take the letter, however often it is tried.</summary>
    private static bool IsRecipientRefusedForGood(SmtpCommandException refusal) =>
        refusal.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)refusal.StatusCode is >= 500 and < 600;

    /// <summary>What went wrong, without the server's free text (it may repeat the address).</summary>
    private static string Describe(Exception failure) => failure switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.ErrorCode}",
        _ => failure.GetType().Name,
    };

    /// <summary>The task's id is the letter's: a rerun adds no second task. It escalates as the workflow's tasks do.</summary>
    private Task AddAddressTaskAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Letter letter, DateTimeOffset now, CancellationToken cancellationToken) =>
        tasks.AddAsync(
            connection,
            transaction,
            new NewTask(
                letter.Id,
                letter.CaseId,
                "correctAddress",
                $"E-postadressen ble avvist: «{LetterTitles.Norwegian(letter.Kind)}» kom ikke fram. Kontakt familien på annen måte og kontroller adressen.",
                "Officer",
                now.AddDays(1)),
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId} was refused by the mail server for good ({StatusCode}); the officers have a task")]
    private static partial void LogRejected(ILogger logger, Guid letterId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId} attempt {Attempt} failed ({Failure}); next attempt in {Delay}")]
    private static partial void LogWillRetry(ILogger logger, Guid letterId, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Letter {LetterId} failed {Attempts} times ({Failure}) and is now an incident")]
    private static partial void LogGaveUp(ILogger logger, Guid letterId, int attempts, string failure);
}
