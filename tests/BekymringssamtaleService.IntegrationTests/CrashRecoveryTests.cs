using System.Diagnostics;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.SmtpSink;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Letters;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>
/// The host as a real process, killed with SIGKILL in the middle of a burst of reminders and started again. What the
/// kill interrupts — timers being fired, letters written but not sent, letters claimed under a lease, letters sent but
/// not yet recorded as sent — is finished by the restarted host; a letter sent twice carries its one Message-ID.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class CrashRecoveryTests
{
    /// <summary>Each reminder goes to the youth and the guardian: a thousand letters.</summary>
    private const int ReminderCount = 500;
    private const int LetterCount = 2 * ReminderCount;
    private const string SentReminders = "SELECT count(*) FROM letters WHERE case_id = @case AND kind = 'Reminder' AND status = 'Sent'";
    private const string LeasedReminders = "SELECT count(*) FROM letters WHERE case_id = @case AND kind = 'Reminder' AND status = 'Pending' AND lease_expires_at > now()";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_killed_in_the_middle_of_a_burst_and_started_again_sends_every_letter_within_30_seconds_and_resends_only_those_on_the_wire_with_their_Message_ID()
    {
        var database = await TestPostgres.CreateDatabaseAsync("crash");
        var mailbox = new MemoryMailbox();
        var smtpPort = FreeTcpPort.Next();
        await using var smtp = await SmtpSinkServer.StartAsync(smtpPort, mailbox, Token);
        var settings = new Dictionary<string, string>
        {
            ["Workflows__Folder"] = RepositoryRoot.Combine("workflows"),
            ["Seeds__Folder"] = RepositoryRoot.Combine("seeds"),
        };

        Guid caseId;
        using (var host = await ServiceProcess.StartAsync(ServiceProcess.BuiltWebDll, database, smtpPort, settings, Token))
        {
            using var api = new CaseApi(host, DemoUsers.OsloOfficer);
            caseId = await api.OpenInvitedCaseAsync(MeetingSlots.Next());
            await ReminderBurst.AddDueAsync(database, caseId, ReminderCount, Token);

            await WaitUntilAsync(async () => await CountAsync(database, caseId, SentReminders) >= LetterCount / 4);
            host.Kill();
        }

        Assert.InRange(await CountAsync(database, caseId, SentReminders), LetterCount / 4, LetterCount - 1);
        var leasedAtKill = await CountAsync(database, caseId, LeasedReminders);

        TimeSpan leftBehindTook;
        using (await ServiceProcess.StartAsync(ServiceProcess.BuiltWebDll, database, smtpPort, settings, Token))
        {
            var ready = Stopwatch.GetTimestamp();
            await WaitUntilAsync(async () => await CountAsync(database, caseId, SentReminders) == LetterCount);
            leftBehindTook = Stopwatch.GetElapsedTime(ready);
        }

        var reminders = await MessageIdsAsync(database, caseId, "SELECT id FROM letters WHERE case_id = @case AND kind = 'Reminder'");
        var everyLetter = await MessageIdsAsync(database, caseId, "SELECT id FROM letters");
        var arrived = mailbox.Messages.GroupBy(message => message.MessageId ?? "").ToDictionary(copies => copies.Key, copies => copies.ToList());
        Assert.Equal(ReminderCount, await CountAsync(database, caseId, "SELECT count(*) FROM workflow.journal WHERE instance_id = @case AND kind = 'timer'"));
        Assert.Equal(LetterCount, await CountAsync(database, caseId, "SELECT count(*) FROM letters WHERE case_id = @case AND kind = 'Reminder'"));
        Assert.All(reminders, id => Assert.True(arrived.ContainsKey(id), $"letter {id} never arrived"));
        Assert.All(arrived.Keys, id => Assert.Contains(id, everyLetter));
        Assert.All(arrived.Values.Where(copies => copies.Count > 1), copies =>
            Assert.Single(copies.Select(copy => (copy.To.ToString(), copy.Subject, copy.TextBody)).Distinct()));
        var resent = arrived.Values.Sum(copies => copies.Count - 1);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{resent} of {LetterCount} letters were sent again after the kill; {leasedAtKill} were under a lease at the kill; " +
            $"the restarted host had sent every letter {leftBehindTook.TotalSeconds:0.0} s after it was ready");
        // Each of the host's senders has at most one letter with the server when the kill comes; a claimed letter not
        // yet sent waits for its lease to run out and is then sent once.
        Assert.InRange(resent, 0, OutboxSending.Senders);
        Assert.True(leftBehindTook <= TimeSpan.FromSeconds(30), $"the letters left behind took {leftBehindTook} after the restarted host was ready");
    }

    /// <summary>The letters the query finds, as the Message-IDs they are sent with.</summary>
    private static async Task<HashSet<string>> MessageIdsAsync(string database, Guid caseId, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("case", caseId);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Token))
        {
            ids.Add($"{reader.GetGuid(0):N}@bekymringssamtale.politiet.no");
        }

        return ids;
    }

    private static Task<long> CountAsync(string database, Guid caseId, string sql) => ReminderBurst.CountAsync(database, caseId, sql, Token);

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.TrueAsync(condition, "the burst's letters", TimeSpan.FromMinutes(5));
}
