using System.Diagnostics;
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
/// The outbox's sending: claims letters that are due (new, or their next attempt has come) under a lease, sends exactly
/// the stored text, HTML and calendar entry with each letter's stable Message-ID, and records what the server said. No
/// database lock is held while the mail server talks. A passing failure is tried again later with a growing delay until
/// the last attempt makes the letter an incident; a recipient the server refuses for good (5xx) is recorded as rejected
/// and the case's officers get a task to correct the address. Only ids go into logs and spans; every outcome is counted.
/// </summary>
public sealed partial class LetterDelivery(
    NpgsqlDataSource database,
    SmtpMailSender sender,
    UserTasks tasks,
    LetterMetrics metrics,
    IOptions<LetterDeliverySettings> settings,
    TimeProvider time,
    ILogger<LetterDelivery> logger)
{
    /// <summary>
    /// Claims up to a batch of due letters, oldest first, that no other sender holds, under a lease (committed at once:
    /// hosts side by side take different letters, and no row stays locked), then sends them one by one, each result
    /// recorded in its own short transaction. When the lease is nearly over, the rest of the batch is left to expire
    /// and be claimed again rather than sent late. A crash mid-batch leaves the letters pending under a lease that runs
    /// out: sent again by the next round of any host, they are recognisably the same letters. Returns how many were
    /// claimed.
    /// </summary>
    public async Task<int> SendDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var letters = await ClaimAsync(batchSize, cancellationToken);
        if (letters.Count == 0)
        {
            return 0;
        }

        using var batch = OutboxTracing.Source.StartActivity("send letters");
        batch?.SetTag(OutboxTracing.Claimed, letters.Count);
        for (var index = 0; index < letters.Count; index++)
        {
            var letter = letters[index];
            var sendingTime = letter.LeaseExpiresAt!.Value - settings.Value.LeaseReserve - time.GetUtcNow();
            if (sendingTime <= TimeSpan.Zero)
            {
                LogLeftToExpire(logger, letters.Count - index);
                break;
            }

            using var span = OutboxTracing.Source.StartActivity("send letter");
            span?.SetTag(OutboxTracing.LetterId, letter.Id).SetTag(LetterMetrics.KindTag, letter.Kind.ToString());
            var addressTask = await AttemptAsync(letter, sendingTime, span, cancellationToken);
            // Recorded even when the host is stopping: what the server has taken is not sent again.
            await RecordAsync(letter, addressTask, CancellationToken.None);
        }

        return letters.Count;
    }

    /// <summary>
    /// One statement in its own transaction: the due letters no live lease holds (<c>SKIP LOCKED</c> passes over those
    /// another sender is claiming this instant) are leased to this sender and returned.
    /// </summary>
    private async Task<List<Letter>> ClaimAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await AnyDueAsync(connection, now, cancellationToken))
        {
            return []; // The usual answer of an idle round: one cheap query, no transaction.
        }

        var leaseExpiresAt = now + settings.Value.LeaseDuration;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var db = await TransitionDbContext.OpenAsync(connection, transaction, cancellationToken);
        var letters = await db.Letters
            .FromSql($"""
                WITH due AS (
                    SELECT id FROM letters
                    WHERE status = 'Pending' AND coalesce(next_attempt_at, created_at) <= {now}
                        AND (lease_expires_at IS NULL OR lease_expires_at <= {now})
                    ORDER BY created_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED)
                UPDATE letters SET lease_expires_at = {leaseExpiresAt} FROM due WHERE letters.id = due.id
                RETURNING letters.*
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. letters.OrderBy(l => l.CreatedAt)];
    }

    private static async Task<bool> AnyDueAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT 1 FROM letters WHERE status = 'Pending' AND coalesce(next_attempt_at, created_at) <= @now
                AND (lease_expires_at IS NULL OR lease_expires_at <= @now))
            """,
            connection);
        command.Parameters.AddWithValue("now", now);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>An administrator's retry of a letter that became an incident: a fresh round of attempts, from the pump's next round.</summary>
    public async Task<bool> RetryFailedAsync(Guid letterId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE letters SET status = 'Pending', attempts = 0, next_attempt_at = NULL, lease_expires_at = NULL WHERE id = @id AND status = 'Failed'");
        command.Parameters.AddWithValue("id", letterId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// One attempt at one letter, no transaction open, its outcome set on the letter; true when the address was refused
    /// for good. A server that has not answered when the sending time is up counts as a passing failure: the letter
    /// is then recorded while still this sender's, never sent by a second host as well.
    /// </summary>
    private async Task<bool> AttemptAsync(Letter letter, TimeSpan sendingTime, Activity? span, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        letter.Attempts++;
        // The budget comes from the lease on the injected clock; it is counted down in real time, as the SMTP client's
        // own timeout is: a send is I/O, and a test that moves its clock forward must not cut off a send under way.
        using var leaseNearlyOver = new CancellationTokenSource(sendingTime);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leaseNearlyOver.Token);
        try
        {
            letter.ServerReply = await sender.SendAsync(ToMessage(letter, sender.From, now), sending.Token);
            letter.Status = LetterStatus.Sent;
            letter.SentAt = time.GetUtcNow();
            letter.NextAttemptAt = null;
            metrics.Sent(letter.Kind);
            span?.SetTag(OutboxTracing.Attempt, letter.Attempts).SetTag(OutboxTracing.Outcome, "sent");
            return false;
        }
        catch (SmtpCommandException refusal) when (IsRecipientRefusedForGood(refusal))
        {
            letter.Status = LetterStatus.Rejected;
            letter.ServerReply = $"{(int)refusal.StatusCode} {refusal.ErrorCode}";
            letter.NextAttemptAt = null;
            LogRejected(logger, letter.Id, (int)refusal.StatusCode);
            metrics.Rejected(letter.Kind);
            span?.SetTag(OutboxTracing.Attempt, letter.Attempts).SetTag(OutboxTracing.Outcome, "rejected").SetTag(OutboxTracing.SmtpStatus, (int)refusal.StatusCode);
            return true;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            letter.ServerReply = Describe(failure);
            var lastAttempt = letter.Attempts >= settings.Value.MaxAttempts;
            metrics.Failed(letter.Kind, lastAttempt);
            span?.SetStatus(ActivityStatusCode.Error)
                .SetTag("error.type", failure.GetType().FullName)
                .SetTag(OutboxTracing.Attempt, letter.Attempts)
                .SetTag(OutboxTracing.Outcome, lastAttempt ? "failed" : "retry");
            if (failure is SmtpCommandException command)
            {
                span?.SetTag(OutboxTracing.SmtpStatus, (int)command.StatusCode);
            }

            if (lastAttempt)
            {
                letter.Status = LetterStatus.Failed;
                letter.NextAttemptAt = null;
                LogGaveUp(logger, letter.Id, letter.Attempts, failure.GetType().Name);
            }
            else
            {
                var retryIn = settings.Value.RetryDelay(letter.Attempts);
                letter.NextAttemptAt = time.GetUtcNow() + retryIn;
                LogWillRetry(logger, letter.Id, letter.Attempts, failure.GetType().Name, retryIn);
            }

            return false;
        }
    }

    /// <summary>
    /// The attempt's outcome in a short transaction of its own, the lease cleared, only if the letter is still this
    /// sender's (pending, under the lease it was claimed with); with the officers' task when the address was refused.
    /// </summary>
    private async Task RecordAsync(Letter letter, bool addressTask, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE letters SET status = @status, attempts = @attempts, server_reply = @reply, next_attempt_at = @next,
                sent_at = @sent, lease_expires_at = NULL
            WHERE id = @id AND status = 'Pending' AND lease_expires_at = @lease
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("id", letter.Id);
        command.Parameters.AddWithValue("lease", letter.LeaseExpiresAt!.Value);
        command.Parameters.AddWithValue("status", letter.Status.ToString());
        command.Parameters.AddWithValue("attempts", letter.Attempts);
        command.Parameters.AddWithValue("reply", (object?)letter.ServerReply ?? DBNull.Value);
        command.Parameters.AddWithValue("next", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)letter.NextAttemptAt ?? DBNull.Value);
        command.Parameters.AddWithValue("sent", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)letter.SentAt ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            LogNoLongerOurs(logger, letter.Id);
            return;
        }

        if (addressTask)
        {
            await AddAddressTaskAsync(connection, transaction, letter, time.GetUtcNow(), cancellationToken);
        }

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
        // Letters by post are written awaiting print, never pending: no sender claims them.
        message.To.Add(new MailboxAddress(letter.RecipientName, letter.RecipientEmail ?? throw new InvalidOperationException($"Letter {letter.Id} goes by post, not by e-mail.")));
        return message;
    }

    /// <summary>5xx to RCPT TO: this address will never take the letter, however often it is tried.</summary>
    private static bool IsRecipientRefusedForGood(SmtpCommandException refusal) =>
        refusal.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)refusal.StatusCode is >= 500 and < 600;

    /// <summary>What went wrong, without the server's free text (it may repeat the address).</summary>
    private static string Describe(Exception failure) => failure switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.ErrorCode}",
        OperationCanceledException => "No answer before the lease ran out",
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease ran out before {Count} claimed letter(s) could be sent; any host takes them again")]
    private static partial void LogLeftToExpire(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId} was no longer this sender's (its lease ran out); its attempt was not recorded")]
    private static partial void LogNoLongerOurs(ILogger logger, Guid letterId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Letter {LetterId} failed {Attempts} times ({Failure}) and is now an incident")]
    private static partial void LogGaveUp(ILogger logger, Guid letterId, int attempts, string failure);
}
