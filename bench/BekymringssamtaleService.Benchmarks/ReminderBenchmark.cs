using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.SmtpSink;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Benchmarks;

/// <summary>
/// Reminders end to end on a running host (its own process, as in production): invited cases whose one-day family
/// reminder timer is due, each with one guardian, so one reminder is one letter. Phase one: 10,000 due at the same
/// instant, timed until the SMTP sink on loopback has them all. Phase two: 300 due at instants spread over two
/// minutes, each letter's lateness (arrival minus due time). Every arrival is counted by Message-ID, so a letter sent
/// twice shows as a duplicate and one never sent as lost.
/// </summary>
internal sealed class ReminderBenchmark(string connectionString, string webDll, int smtpPort)
{
    private const string ReminderTimer = "ParticipantReminderOneDay";

    /// <summary>The wall clock: lateness is measured against it, across two processes.</summary>
    private static readonly TimeProvider Clock = TimeProvider.System;
    private readonly ArrivalLog _arrivals = new();

    public async Task<string> RunAsync(int burst, int spread, TimeSpan spreadOver)
    {
        await using var sink = await SmtpSinkServer.StartAsync(smtpPort, _arrivals);
        using var host = await ServiceProcess.StartAsync(webDll, connectionString, smtpPort, new Dictionary<string, string>(), CancellationToken.None);
        return await MeasureAsync(burst, spread, spreadOver);
    }

    private async Task<string> MeasureAsync(int burst, int spread, TimeSpan spreadOver)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);

        var burstDue = Clock.GetUtcNow().AddSeconds(90);
        var burstCases = await AddInvitedCasesAsync(database, burst, _ => burstDue);
        Console.WriteLine($"phase 1: {burst} reminders due at {burstDue:O}");
        await WaitForAsync(() => Clock.GetUtcNow() >= burstDue, TimeSpan.FromMinutes(5));
        var started = Stopwatch.GetTimestamp();
        var burstIds = await WaitForLettersAsync(database, burstCases, burst, TimeSpan.FromMinutes(5));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // Counted at the cut-off: a letter that arrives during phase two was not delivered in time.
        var delivered = burstIds.Count(_arrivals.Arrived);

        var spreadStart = Clock.GetUtcNow().AddSeconds(60);
        var spreadCases = await AddInvitedCasesAsync(database, spread, index => spreadStart + (spreadOver * index / spread));
        Console.WriteLine($"phase 2: {spread} reminders due from {spreadStart:O} over {spreadOver.TotalSeconds} s");
        await WaitForAsync(() => Clock.GetUtcNow() >= spreadStart + spreadOver, TimeSpan.FromMinutes(5));
        await WaitForLettersAsync(database, spreadCases, spread, TimeSpan.FromMinutes(2));
        var lateness = await LatenessAsync(database, spreadCases);

        var duplicates = burstIds.Sum(id => Math.Max(0, _arrivals.Copies(id) - 1));
        return string.Create(CultureInfo.InvariantCulture,
            $"delivered={delivered} expected={burst} duplicates={duplicates} lost={burst - delivered} seconds={seconds:0.0} lateness_p99_ms={Milliseconds(Percentile(lateness, 0.99))}");
    }

    /// <summary>Invited cases straight into the tables (as many invitations would leave them), each with its reminder timer.</summary>
    private async Task<List<Guid>> AddInvitedCasesAsync(NpgsqlDataSource database, int count, Func<int, DateTimeOffset> reminderDue)
    {
        var options = new DbContextOptionsBuilder<ServiceDbContext>();
        options.UseServiceConventions(connectionString);
        await using var db = new ServiceDbContext(options.Options);
        var definitionId = await db.Database.SqlQuery<int>($"SELECT max(id) AS \"Value\" FROM workflow.definitions WHERE name = 'bekymringssamtale'").SingleAsync();
        var now = Clock.GetUtcNow();
        var cases = new List<Guid>(count);
        await using var connection = await database.OpenConnectionAsync();
        for (var offset = 0; offset < count; offset += 1000)
        {
            var batch = Enumerable.Range(offset, Math.Min(1000, count - offset)).ToList();
            var rows = batch.Select(index => (Index: index, Case: Guid.CreateVersion7(), Meeting: Guid.CreateVersion7(), Due: reminderDue(index))).ToList();
            db.Cases.AddRange(rows.Select(row => new ConcernCase
            {
                Id = row.Case,
                UnitCode = "OSLO-SENTRUM",
                Youth = new Youth { GivenName = "Ungdom", FamilyName = $"Nr{row.Index}", BirthDate = new DateOnly(2012, 1, 1), Language = LetterLanguage.Nb },
                Guardians = [new Guardian { Name = $"Foresatt {row.Index}", Email = $"foresatt{row.Index}@bench.example", Address = "Benkveien 1", Language = LetterLanguage.Nb, LivesWithYouth = true }],
                Source = ConcernSource.School,
                ConcernText = "Benchmark",
                ResponsibleOfficerId = "betjent-oslo",
                RegisteredBy = "betjent-oslo",
                RegisteredAt = now,
            }));
            db.Meetings.AddRange(rows.Select(row => new Meeting
            {
                Id = row.Meeting,
                CaseId = row.Case,
                StartsAt = row.Due.AddDays(1),
                DurationMinutes = 60,
                Place = "Politihuset",
                OfficerIds = ["betjent-oslo"],
                Status = MeetingStatus.Booked,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            await using (var instances = await connection.BeginBinaryImportAsync(
                "COPY workflow.instances (id, definition_id, unit_code, state, entry, state_entered_at, data, version, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in rows)
                {
                    var data = new JsonObject { ["track"] = "voluntary", ["meetingStart"] = row.Due.AddDays(1).ToString("O", CultureInfo.InvariantCulture) };
                    await instances.StartRowAsync();
                    await instances.WriteAsync(row.Case);
                    await instances.WriteAsync(definitionId);
                    await instances.WriteAsync("OSLO-SENTRUM");
                    await instances.WriteAsync("Invited");
                    await instances.WriteAsync(1L);
                    await instances.WriteAsync(now);
                    await instances.WriteAsync(data.ToJsonString(), NpgsqlTypes.NpgsqlDbType.Jsonb);
                    await instances.WriteAsync(1);
                    await instances.WriteAsync(now);
                    await instances.WriteAsync(now);
                }

                await instances.CompleteAsync();
            }

            await using (var timers = await connection.BeginBinaryImportAsync("COPY workflow.timers (id, instance_id, entry, name, due_at, status) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in rows)
                {
                    await timers.WriteRowAsync(CancellationToken.None, Guid.CreateVersion7(), row.Case, 1L, ReminderTimer, row.Due, "pending");
                }

                await timers.CompleteAsync();
            }

            cases.AddRange(rows.Select(row => row.Case));
        }

        return cases;
    }

    /// <summary>
    /// Waits until every reminder letter of the cases has reached the sink (or the time is up), checking by Message-ID
    /// every two seconds, so that the wait itself costs the database little.
    /// </summary>
    private async Task<List<string>> WaitForLettersAsync(NpgsqlDataSource database, List<Guid> cases, int expected, TimeSpan limit)
    {
        var ids = new List<string>();
        var started = Stopwatch.GetTimestamp();
        var nextProgress = TimeSpan.FromSeconds(30);
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            ids = await ReminderMessageIdsAsync(database, cases);
            if (ids.Count >= expected && ids.All(_arrivals.Arrived))
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(started) >= nextProgress)
            {
                // Where the time goes: timers fired (each composes its letter in its own transaction), letters the
                // relay has sent, letters at the sink.
                nextProgress += TimeSpan.FromSeconds(30);
                var fired = await FiredTimersAsync(database, cases);
                var sent = await SentLettersAsync(database, cases);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s: timers fired {fired}, letters written {ids.Count}, sent {sent}, at the sink {ids.Count(_arrivals.Arrived)}"));
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return ids;
    }

    private static async Task<long> FiredTimersAsync(NpgsqlDataSource database, List<Guid> cases)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM workflow.timers WHERE instance_id = ANY(@cases) AND name = @timer AND status = 'fired'");
        command.Parameters.AddWithValue("cases", cases.ToArray());
        command.Parameters.AddWithValue("timer", ReminderTimer);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> SentLettersAsync(NpgsqlDataSource database, List<Guid> cases)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM letters WHERE case_id = ANY(@cases) AND kind = 'Reminder' AND status = 'Sent'");
        command.Parameters.AddWithValue("cases", cases.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ReminderMessageIdsAsync(NpgsqlDataSource database, List<Guid> cases)
    {
        await using var command = database.CreateCommand("SELECT id FROM letters WHERE case_id = ANY(@cases) AND kind = 'Reminder'");
        command.Parameters.AddWithValue("cases", cases.ToArray());
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add($"{reader.GetGuid(0):N}@bekymringssamtale.politiet.no");
        }

        return ids;
    }

    private async Task<List<double>> LatenessAsync(NpgsqlDataSource database, List<Guid> cases)
    {
        await using var command = database.CreateCommand(
            """
            SELECT l.id, t.due_at FROM workflow.timers t LEFT JOIN letters l ON l.case_id = t.instance_id AND l.kind = 'Reminder'
            WHERE t.instance_id = ANY(@cases) AND t.name = @timer
            """);
        command.Parameters.AddWithValue("timer", ReminderTimer);
        command.Parameters.AddWithValue("cases", cases.ToArray());
        var lateness = new List<double>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // A letter that never arrived is infinitely late: the percentile says so rather than leaving it out.
            lateness.Add(!await reader.IsDBNullAsync(0) && _arrivals.FirstArrival($"{reader.GetGuid(0):N}@bekymringssamtale.politiet.no") is { } arrived
                ? (arrived - reader.GetFieldValue<DateTimeOffset>(1)).TotalMilliseconds
                : double.PositiveInfinity);
        }

        return lateness;
    }

    private static string Milliseconds(double value) =>
        double.IsPositiveInfinity(value) ? "never" : value.ToString("0", CultureInfo.InvariantCulture);

    private static double Percentile(List<double> values, double fraction)
    {
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(fraction * values.Count) - 1)];
    }

    private static Task WaitForAsync(Func<bool> condition, TimeSpan limit) => WaitForAsync(() => Task.FromResult(condition()), limit);

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition() && Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>The sink's mailbox: when each Message-ID first arrived, and how many copies came.</summary>
    private sealed class ArrivalLog : ISinkMailbox
    {
        private readonly ConcurrentDictionary<string, (DateTimeOffset First, int Copies)> _arrivals = new(StringComparer.Ordinal);

        public bool Arrived(string messageId) => _arrivals.ContainsKey(messageId);

        public int Copies(string messageId) => _arrivals.TryGetValue(messageId, out var arrival) ? arrival.Copies : 0;

        public DateTimeOffset? FirstArrival(string messageId) => _arrivals.TryGetValue(messageId, out var arrival) ? arrival.First : null;

        public Task StoreAsync(byte[] message, CancellationToken cancellationToken)
        {
            var now = Clock.GetUtcNow();
            var id = MessageId(message);
            _arrivals.AddOrUpdate(id, _ => (now, 1), (_, arrival) => (arrival.First, arrival.Copies + 1));
            return Task.CompletedTask;
        }

        private static string MessageId(byte[] message)
        {
            var header = Encoding.ASCII.GetString(message, 0, Math.Min(message.Length, 4096));
            var start = header.IndexOf("Message-Id: <", StringComparison.OrdinalIgnoreCase) + "Message-Id: <".Length;
            return header[start..header.IndexOf('>', start)];
        }
    }
}
