using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.Benchmarks;

/// <summary>
/// Invite steps through the real web host (its own process, Development, the job pump off so nothing is sent while
/// measuring): each invite books the meeting and composes the invitation letters to the youth and both guardians in
/// the step's own transaction. Cases are registered and put on the voluntary track through the API first (not
/// measured); then a number of workers each invite their own cases, every answer must be 200, and afterwards the
/// database must hold exactly the three invitation letters of each case.
/// </summary>
internal sealed class InviteBenchmark(string connectionString, string webDll)
{
    /// <summary>Invites each worker makes while measured (after its warm-up).</summary>
    public const int InvitesPerWorker = 200;

    private const string Cases = "/api/v1/cases";
    private const string Unit = "OSLO-SENTRUM";
    private const int MeetingMinutes = 60;
    private const int SlotsPerDay = 8;

    /// <summary>The officers of OSLO-SENTRUM in seeds/demo-users.json; each worker books one of them, so fewer workers wait for one officer's lock.</summary>
    private static readonly string[] Officers = ["betjent-oslo", "betjent-oslo-2"];

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The next free hour of each officer: slot k is the k-th working hour (08:00–16:00 Oslo time, weekdays) from a week ahead.</summary>
    private readonly int[] _nextSlot = new int[Officers.Length];

    private readonly DateOnly _firstDay = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddDays(7);

    public async Task<(double InvitesPerSecond, double P99Milliseconds, int Invites, TimeSpan Elapsed)> RunAsync(int workers, int invitesPerWorker, int warmUpPerWorker)
    {
        var settings = new Dictionary<string, string> { ["Jobs__RunServer"] = "false" };
        using var host = await ServiceProcess.StartAsync(webDll, connectionString, FreeTcpPort.Next(), settings, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Add("X-Dev-User", "betjent-oslo");

        var preparing = Stopwatch.StartNew();
        var cases = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var own = new List<RegisteredCase>();
            for (var index = 0; index < warmUpPerWorker + invitesPerWorker; index++)
            {
                own.Add(await RegisterOnVoluntaryTrackAsync(client));
            }

            return own;
        })));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"invite: {workers * (warmUpPerWorker + invitesPerWorker)} cases registered and on the voluntary track in {preparing.Elapsed.TotalSeconds:0.0} s (not measured)"));

        // A few invites per worker first, so the host's code is compiled before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            foreach (var registered in cases[worker].Take(warmUpPerWorker))
            {
                await InviteAsync(client, registered.Id, Officers[worker % Officers.Length]);
            }
        })));

        var latencies = new List<double>[workers];
        using var measuring = new CancellationTokenSource();
        var sessions = SampleSessionsAsync(measuring.Token);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            latencies[worker] = [];
            foreach (var registered in cases[worker].Skip(warmUpPerWorker))
            {
                var started = Stopwatch.GetTimestamp();
                await InviteAsync(client, registered.Id, Officers[worker % Officers.Length]);
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed;
        await measuring.CancelAsync();
        Console.WriteLine($"invite: {await sessions}");

        var invited = cases.SelectMany(own => own).ToList();
        await VerifyLettersAsync(invited);
        var all = latencies.SelectMany(list => list).Order().ToList();
        var p99 = all[(int)Math.Ceiling(all.Count * 0.99) - 1];
        return (all.Count / elapsed.TotalSeconds, p99, all.Count, elapsed);
    }

    /// <summary>
    /// Where the host's database sessions are while the workers invite, sampled every 100 ms from pg_stat_activity:
    /// running a statement, waiting for an officer's advisory lock (held from the booking check to the commit), or
    /// idle inside a transaction (the host working between statements: EF, rendering letters).
    /// </summary>
    private async Task<string> SampleSessionsAsync(CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE state = 'active' AND wait_event = 'advisory'),
                   count(*) FILTER (WHERE state = 'active' AND wait_event IS DISTINCT FROM 'advisory'),
                   count(*) FILTER (WHERE state = 'idle in transaction')
            FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """, connection);
        long samples = 0, lockWaits = 0, running = 0, idleInTransaction = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                await reader.ReadAsync(CancellationToken.None);
                lockWaits += reader.GetInt64(0);
                running += reader.GetInt64(1);
                idleInTransaction += reader.GetInt64(2);
                samples++;
            }

            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        double Mean(long total) => samples == 0 ? 0 : (double)total / samples;
        return string.Create(CultureInfo.InvariantCulture,
            $"database sessions on average ({samples} samples): {Mean(lockWaits):0.00} waiting for an officer's lock, {Mean(running):0.00} running a statement, {Mean(idleInTransaction):0.00} idle in a transaction");
    }

    private static async Task<RegisteredCase> RegisterOnVoluntaryTrackAsync(HttpClient client)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var youthEmail = $"ungdom-{tag}@bench.example";
        string[] guardianEmails = [$"mor-{tag}@bench.example", $"far-{tag}@bench.example"];
        var registration = new JsonObject
        {
            ["unitCode"] = Unit,
            ["youth"] = new JsonObject
            {
                ["givenName"] = "Nora",
                ["familyName"] = $"Benkesen{tag}",
                ["birthDate"] = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddYears(-14).AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["email"] = youthEmail,
                ["phone"] = "+47 400 00 100",
                ["language"] = "nb",
            },
            ["guardians"] = new JsonArray(Guardian($"Mona Benkesen{tag}", guardianEmails[0], "nb"), Guardian($"David Benkesen{tag}", guardianEmails[1], "en")),
            ["source"] = "school",
            ["concernText"] = "Skolen melder om mye fravær og nye, eldre venner.",
        };
        var created = await PostAsync(client, Cases, registration, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        await PostAsync(client, $"{Cases}/{id}/choose-track", new JsonObject { ["track"] = "voluntary" }, HttpStatusCode.OK);
        return new RegisteredCase(id, [youthEmail, .. guardianEmails]);
    }

    private static JsonObject Guardian(string name, string email, string language) => new()
    {
        ["name"] = name,
        ["email"] = email,
        ["address"] = "Storgata 1, 0184 Oslo",
        ["language"] = language,
        ["livesWithYouth"] = true,
    };

    private async Task InviteAsync(HttpClient client, Guid caseId, string officer)
    {
        var invitation = new JsonObject
        {
            ["meetingStart"] = NextSlot(officer).ToString("O", CultureInfo.InvariantCulture),
            ["durationMinutes"] = MeetingMinutes,
            ["place"] = "Oslo politihus, Grønlandsleiret 44",
            ["officerIds"] = new JsonArray(officer),
        };
        await PostAsync(client, $"{Cases}/{caseId}/invite", invitation, HttpStatusCode.OK);
    }

    /// <summary>The officer's next free hour: weekdays only, 08:00–16:00 Europe/Oslo, so no two of their meetings overlap.</summary>
    private DateTimeOffset NextSlot(string officer)
    {
        var slot = Interlocked.Increment(ref _nextSlot[Array.IndexOf(Officers, officer)]) - 1;
        var day = _firstDay;
        for (var weekdays = slot / SlotsPerDay; ; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            if (weekdays-- == 0)
            {
                break;
            }
        }

        return OsloTime.FromOsloWallClock(day.ToDateTime(new TimeOnly(8 + (slot % SlotsPerDay), 0)));
    }

    /// <summary>Posts and fails the benchmark unless the answer has the expected status.</summary>
    private static async Task<JsonNode> PostAsync(HttpClient client, string path, JsonObject body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(path, body, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        }

        return JsonNode.Parse(text)!;
    }

    /// <summary>Each invited case has exactly three letters, all invitations: one to the youth and one to each guardian, at their addresses.</summary>
    private async Task VerifyLettersAsync(List<RegisteredCase> invited)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand(
            """
            SELECT c.id, i.state, l.kind, l.recipient, l.recipient_email
            FROM cases c JOIN workflow.instances i ON i.id = c.id LEFT JOIN letters l ON l.case_id = c.id
            WHERE c.id = ANY(@cases)
            """);
        command.Parameters.AddWithValue("cases", invited.Select(c => c.Id).ToArray());
        var found = new Dictionary<Guid, (string State, List<(string? Kind, string? Recipient, string? Email)> Letters)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                if (!found.TryGetValue(id, out var entry))
                {
                    entry = (reader.GetString(1), []);
                    found[id] = entry;
                }

                if (!await reader.IsDBNullAsync(2))
                {
                    entry.Letters.Add((reader.GetString(2), reader.GetString(3), reader.GetString(4)));
                }
            }
        }

        var wrong = new List<string>();
        foreach (var registered in invited)
        {
            if (!found.TryGetValue(registered.Id, out var entry))
            {
                wrong.Add($"{registered.Id}: not found");
                continue;
            }

            var recipients = entry.Letters.Where(l => l.Kind == "Invitation").Select(l => l.Recipient).ToList();
            var emails = entry.Letters.Select(l => l.Email).Order(StringComparer.Ordinal).ToList();
            var ok = entry.State == "Invited"
                && entry.Letters.Count == 3
                && entry.Letters.All(l => l.Kind == "Invitation")
                && recipients.Count(r => r == "youth") == 1
                && recipients.Count(r => r!.StartsWith("guardian:", StringComparison.Ordinal)) == 2
                && recipients.Distinct().Count() == 3
                && emails.SequenceEqual(registered.Emails.Order(StringComparer.Ordinal));
            if (!ok)
            {
                wrong.Add($"{registered.Id}: state {entry.State}, letters [{string.Join(", ", entry.Letters.Select(l => $"{l.Kind} to {l.Recipient} <{l.Email}>"))}]");
            }
        }

        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"{wrong.Count} of {invited.Count} invited cases do not have exactly their three invitation letters:\n{string.Join('\n', wrong.Take(10))}");
        }

        Console.WriteLine($"invite: letters checked: {invited.Count} cases, each exactly its 3 invitation letters ({invited.Count * 3} in all)");
    }

    private sealed record RegisteredCase(Guid Id, string[] Emails);
}
