using System.Diagnostics;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>How the service scales past one machine: several hosts on one database share the work.</summary>
[Collection(nameof(RunsAlone))]
public sealed class MultiHostDeliveryTests
{
    private const int ReminderCount = 500;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// 500 one-day reminders fall due at once on a case with a youth and a guardian: a thousand letters. Each host has
    /// its own SMTP server, so its mailbox shows what it sent.
    /// </summary>
    [Fact]
    public async Task Two_hosts_on_one_database_share_a_thousand_reminder_letters_and_each_is_delivered_once()
    {
        await using var first = await ServiceHost.StartAsync();
        await using var second = await ServiceHost.StartAsync(first.ConnectionString);
        using var api = new CaseApi(first, DemoUsers.OsloOfficer);
        var caseId = await api.OpenInvitedCaseAsync(MeetingSlots.Next());

        await ReminderBurst.AddDueAsync(first.ConnectionString, caseId, ReminderCount, Token);
        await WaitUntilAsync(async () => await CountAsync(first, caseId, "SELECT count(*) FROM letters WHERE case_id = @case AND kind = 'Reminder' AND status = 'Sent'") == 2 * ReminderCount);

        var ids = await ReminderMessageIdsAsync(first, caseId);
        var byFirst = first.Mailbox.Messages.Where(message => ids.Contains(message.MessageId ?? "")).ToList();
        var bySecond = second.Mailbox.Messages.Where(message => ids.Contains(message.MessageId ?? "")).ToList();
        Assert.Equal(2 * ReminderCount, ids.Count);
        Assert.Equal(ids.Order(), byFirst.Concat(bySecond).Select(message => message.MessageId!).Order());
        Assert.NotEmpty(byFirst);
        Assert.NotEmpty(bySecond);
        Assert.Equal(ReminderCount, await CountAsync(first, caseId, "SELECT count(*) FROM workflow.journal WHERE instance_id = @case AND kind = 'timer'"));
    }

    /// <summary>
    /// Two hosts that send only the rounds the test runs, each with its own SMTP server; the first host's server takes
    /// one letter and then says nothing. Meanwhile the letter sent before it in the same batch is recorded as sent, the
    /// held letter's row can be locked by anyone at once, and the second host sends the later letters; released, the
    /// held letter is recorded as sent and has arrived once.
    /// </summary>
    [Fact]
    public async Task While_a_slow_mail_server_holds_one_letter_the_letters_around_it_are_sent_and_recorded_and_the_held_one_arrives_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:RunServer"] = "false",
            // Long enough that the lease plays no part: this is about what is locked while a send hangs.
            ["Letters:Delivery:LeaseDuration"] = "00:05:00",
        };
        await using var first = await ServiceHost.StartAsync(settings: settings);
        await using var second = await ServiceHost.StartAsync(first.ConnectionString, settings);
        var hold = first.Smtp.HoldMessagesTo("treg.server@example.com");
        var start = TimeProvider.System.GetUtcNow();
        var before = await AddLetterAsync(first, "foresatt@example.com", start.AddSeconds(-3));
        var held = await AddLetterAsync(first, "treg.server@example.com", start.AddSeconds(-2));
        List<Letter> later = [
            await AddLetterAsync(first, "foresatt@example.com", start.AddSeconds(-1)),
            await AddLetterAsync(first, "ungdom@example.com", start.AddSeconds(-1)),
            await AddLetterAsync(first, "foresatt2@example.com", start.AddSeconds(-1)),
        ];

        var firstRound = first.Services.GetRequiredService<LetterDelivery>().SendDueAsync(batchSize: 2, Token);
        await hold.Holding.WaitAsync(TimeSpan.FromSeconds(60), Token);

        Assert.Equal(LetterStatus.Sent, (await LetterAsync(first, before.Id)).Status);
        Assert.Single(first.Mailbox.Messages, message => message.MessageId == before.MessageId);
        Assert.True(await CanLockAtOnceAsync(first.ConnectionString, held.Id), "the held letter's row is locked while its send hangs");
        Assert.Equal(later.Count, await second.Services.GetRequiredService<LetterDelivery>().SendDueAsync(batchSize: 20, Token));
        Assert.All(later, letter => Assert.Single(second.Mailbox.Messages, message => message.MessageId == letter.MessageId));
        foreach (var letter in later)
        {
            Assert.Equal(LetterStatus.Sent, (await LetterAsync(first, letter.Id)).Status);
        }

        Assert.False(firstRound.IsCompleted, "the held send was still waiting for the server");
        Assert.Equal(LetterStatus.Pending, (await LetterAsync(first, held.Id)).Status);

        hold.Release();
        Assert.Equal(2, await firstRound);
        Assert.Equal(LetterStatus.Sent, (await LetterAsync(first, held.Id)).Status);
        Assert.Equal(0, await second.Services.GetRequiredService<LetterDelivery>().SendDueAsync(batchSize: 20, Token));
        Assert.Single(first.Mailbox.Messages.Concat(second.Mailbox.Messages), message => message.MessageId == held.MessageId);
    }

    /// <summary>
    /// Two hosts that send only the rounds the test runs, with a short lease (6 s, of which the last third is kept free);
    /// the first host's server takes one letter and never answers. Its sender gives up while the lease is still
    /// its own and records a passing failure (tried again after the backoff, by whichever host), leaves the rest of
    /// the batch unsent under the lease, and the second host sends that letter once the lease has run out.
    /// </summary>
    [Fact]
    public async Task A_mail_server_that_hangs_past_the_lease_is_given_up_on_in_time_and_the_rest_of_the_batch_is_left_for_any_host_to_send()
    {
        var settings = new Dictionary<string, string?> { ["Jobs:RunServer"] = "false", ["Letters:Delivery:LeaseDuration"] = "00:00:06" };
        await using var first = await ServiceHost.StartAsync(settings: settings);
        await using var second = await ServiceHost.StartAsync(first.ConnectionString, settings);
        first.Smtp.HoldMessagesTo("treg.server@example.com");
        var start = TimeProvider.System.GetUtcNow();
        var held = await AddLetterAsync(first, "treg.server@example.com", start.AddSeconds(-2));
        var next = await AddLetterAsync(first, "foresatt@example.com", start.AddSeconds(-1));

        var round = Stopwatch.StartNew();
        Assert.Equal(2, await first.Services.GetRequiredService<LetterDelivery>().SendDueAsync(batchSize: 2, Token));
        round.Stop();

        Assert.True(round.Elapsed < TimeSpan.FromSeconds(6), $"the round took {round.Elapsed}, longer than its lease");
        var given = await LetterAsync(first, held.Id);
        Assert.Equal((LetterStatus.Pending, 1, "No answer before the lease ran out"), (given.Status, given.Attempts, given.ServerReply));
        Assert.Null(given.LeaseExpiresAt);
        Assert.NotNull(given.NextAttemptAt);
        var leftBehind = await LetterAsync(first, next.Id);
        Assert.Equal((LetterStatus.Pending, 0), (leftBehind.Status, leftBehind.Attempts));
        Assert.NotNull(leftBehind.LeaseExpiresAt);
        Assert.DoesNotContain(first.Mailbox.Messages, message => message.MessageId == next.MessageId);

        var delivery = second.Services.GetRequiredService<LetterDelivery>();
        await Eventually.TrueAsync(async () => await delivery.SendDueAsync(batchSize: 20, Token) > 0, "a round that claims letters");
        Assert.Equal(LetterStatus.Sent, (await LetterAsync(first, next.Id)).Status);
        Assert.Single(second.Mailbox.Messages, message => message.MessageId == next.MessageId);
        Assert.Equal(LetterStatus.Pending, (await LetterAsync(first, held.Id)).Status);
        Assert.DoesNotContain(second.Mailbox.Messages, message => message.MessageId == held.MessageId);
    }

    private static async Task<Letter> AddLetterAsync(ServiceHost host, string email, DateTimeOffset createdAt)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var letter = OutboxLetters.Reminder(await db.Cases.Select(c => c.Id).FirstAsync(Token), Guid.CreateVersion7(), "guardian:0", email, createdAt);
        db.Letters.Add(letter);
        await db.SaveChangesAsync(Token);
        return letter;
    }

    private static async Task<Letter> LetterAsync(ServiceHost host, Guid id)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Letters.AsNoTracking().SingleAsync(l => l.Id == id, Token);
    }

    /// <summary>Whether another transaction can lock the letter's row without waiting (it rolls back at once).</summary>
    private static async Task<bool> CanLockAtOnceAsync(string connectionString, Guid letterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        await using var command = new NpgsqlCommand("SELECT id FROM letters WHERE id = @id FOR UPDATE NOWAIT", connection, transaction);
        command.Parameters.AddWithValue("id", letterId);
        try
        {
            return await command.ExecuteScalarAsync(Token) is Guid;
        }
        catch (PostgresException locked) when (locked.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }

    private static async Task<HashSet<string>> ReminderMessageIdsAsync(ServiceHost host, Guid caseId)
    {
        using var scope = host.Services.CreateScope();
        var letters = await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Letters.AsNoTracking()
            .Where(l => l.CaseId == caseId && l.Kind == LetterKind.Reminder).ToListAsync(Token);
        return [.. letters.Select(l => l.MessageId)];
    }

    private static Task<long> CountAsync(ServiceHost host, Guid caseId, string sql) => ReminderBurst.CountAsync(host.ConnectionString, caseId, sql, Token);

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.TrueAsync(condition, "the burst's letters", TimeSpan.FromMinutes(5));
}

/// <summary>Tests that measure a volume run after the others, with the machine to themselves.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
