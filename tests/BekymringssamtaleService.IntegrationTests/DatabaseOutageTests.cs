using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>
/// PostgreSQL goes away under a host of its own (a private cluster: the shared one stays up for the other tests).
/// What the caller is told must be the truth: a step answered 2xx is saved, a step answered 5xx left nothing, and
/// an unreachable database is a 503 with Retry-After, never a 500.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed partial class DatabaseOutageTests
{
    private const int Workers = 6;

    /// <summary>Each restart catches steps at a different point of their transaction (or of what follows it).</summary>
    private const int Restarts = 3;

    /// <summary>Steps answered 2xx before the first restart, and after each, before the next restart or the end.</summary>
    private const int StepsBetweenRestarts = 40;

    /// <summary>Time for invitation letters of steps answered 2xx to be written however the activity runs (a job retried after the restart).</summary>

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_PostgreSQL_is_down_the_API_answers_503_with_Retry_After_and_a_page_shows_the_Norwegian_try_again_page()
    {
        await using var cluster = await PrivatePostgresCluster.StartAsync();
        await using var host = await ServiceHost.StartAsync(cluster.ConnectionString);
        using var api = new CaseApi(host, DemoUsers.OsloOfficer);
        using var browser = host.CreateHttpClient();
        await browser.SignInAsync(DemoUsers.OsloOfficer);
        var caseId = await api.RegisterAsync();

        await cluster.StopServerAsync();
        using var read = await api.GetResponseAsync($"/api/v1/cases/{caseId}");
        using var step = await api.TryStepAsync(caseId, "choose-track", new { track = "voluntary" });
        using var page = await browser.GetAsync("/saker", Token);

        foreach (var answer in new[] { read, step })
        {
            var problem = await CaseApi.ProblemAsync(answer, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Tjenesten er midlertidig utilgjengelig", problem.Title);
            Assert.Contains("prøv igjen om litt", problem.Detail, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(5), answer.Headers.RetryAfter?.Delta);
        }

        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), page.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Tjenesten er midlertidig utilgjengelig – prøv igjen om litt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.Contains("The database could not be reached", StringComparison.Ordinal) && line.Contains("Cause=socket:ConnectionRefused", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("Unexpected error", StringComparison.Ordinal));

        // Back again, the very first requests are served: no connection that died with the server is handed out.
        await cluster.StartServerAsync();
        Assert.Equal("Registered", (await api.GetAsync(caseId)).State);
        Assert.Equal("ReadyToInvite", await api.StepAsync(caseId, "choose-track", new { track = "voluntary" }));
        using var pageAgain = await browser.GetAsync("/saker", Token);
        Assert.Equal(HttpStatusCode.OK, pageAgain.StatusCode);
    }

    [Fact]
    public async Task With_PostgreSQL_restarting_under_load_every_step_answered_2xx_is_saved_and_every_step_answered_5xx_left_nothing()
    {
        await using var cluster = await PrivatePostgresCluster.StartAsync();
        await using var host = await ServiceHost.StartAsync(cluster.ConnectionString);
        var answers = new ConcurrentQueue<Answered>();
        using var stop = new CancellationTokenSource();
        var apis = Enumerable.Range(0, Workers).Select(_ => new CaseApi(host, DemoUsers.OsloOfficer)).ToList();
        var drivers = apis.Select(api => Task.Run(() => DriveAsync(api, answers, stop.Token), Token)).ToList();

        try
        {
            await Eventually.TrueAsync(() => answers.Count(a => a.Succeeded) >= StepsBetweenRestarts, "steps answered before the restart", TimeSpan.FromMinutes(2));
            for (var restart = 0; restart < Restarts; restart++)
            {
                var beforeRestart = answers.Count;
                await cluster.RestartServerAsync();
                await Eventually.TrueAsync(() => answers.Skip(beforeRestart).Count(a => a.Succeeded) >= StepsBetweenRestarts, "steps answered after the restart", TimeSpan.FromMinutes(2));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(drivers);
            apis.ForEach(api => api.Dispose());
        }

        await using var database = new NpgsqlConnection(cluster.ConnectionString);
        await database.OpenAsync(Token);
        var wrong = new List<string>();
        foreach (var answer in answers)
        {
            var saved = await SavedAsync(database, answer);
            var verdict = answer.Status switch
            {
                >= 200 and < 300 when saved.Missing.Count > 0 => $"answered {answer.Status} but {string.Join(", ", saved.Missing)} missing{await ActivitiesAsync(database, answer)}",
                >= 200 and < 300 => null,
                503 when !answer.RetryAfter => "answered 503 without Retry-After",
                503 when saved.Found.Count > 0 => $"answered 503 but {string.Join(", ", saved.Found)} saved",
                503 => null,
                _ => $"answered {answer.Status} ({(saved.Found.Count > 0 ? "saved: " + string.Join(", ", saved.Found) : "nothing saved")}): {answer.Body}{Logged(host, answer.Body)}",
            };
            if (verdict is not null)
            {
                wrong.Add($"{answer.Step} on {answer.CaseId?.ToString() ?? answer.YouthEmail}: {verdict}");
            }
        }

        var succeeded = answers.Count(a => a.Succeeded);
        var unavailable = answers.Count(a => a.Status == 503);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{answers.Count} steps across {Restarts} restarts: {succeeded} answered 2xx, {unavailable} answered 503, {answers.Count - succeeded - unavailable} otherwise; {wrong.Count} did not match the database");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>The failure the host logged under the reference an unexpected-error answer gives: its exceptions, without the stack.</summary>
    private static string Logged(ServiceHost host, string body)
    {
        var reference = Reference().Match(body);
        var line = reference.Success ? host.Logs.Lines.FirstOrDefault(l => l.Contains(reference.Groups[1].Value, StringComparison.Ordinal)) : null;
        return line is null
            ? ""
            : Environment.NewLine + string.Join(Environment.NewLine, line.Split('\n').Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.Contains("--- End of", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"referansen (\S+)\.")]
    private static partial Regex Reference();

    /// <summary>Chains of register → choose track → invite, a new chain after any answer that is not 2xx.</summary>
    private static async Task DriveAsync(CaseApi api, ConcurrentQueue<Answered> answers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var registration = CaseRequests.Registration();
            var email = registration["youth"]!["email"].AsText();
            var registered = await TakeAsync(answers, "register", null, email, () => api.TryRegisterAsync(registration));
            if (registered.CaseId is not { } caseId || stop.IsCancellationRequested)
            {
                continue;
            }

            var chosen = await TakeAsync(answers, "choose-track", caseId, email, () => api.TryStepAsync(caseId, "choose-track", new { track = "voluntary" }));
            if (!chosen.Succeeded || stop.IsCancellationRequested)
            {
                continue;
            }

            await TakeAsync(answers, "invite", caseId, email, () => api.TryStepAsync(caseId, "invite", CaseRequests.Invitation(MeetingSlots.Next(), DemoUsers.OsloOfficer)));
        }
    }

    private static async Task<Answered> TakeAsync(
        ConcurrentQueue<Answered> answers, string step, Guid? caseId, string youthEmail, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();
        var body = await response.Content.ReadAsStringAsync(Token);
        var status = (int)response.StatusCode;
        if (caseId is null && response.StatusCode == HttpStatusCode.Created)
        {
            caseId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        }

        var answer = new Answered(step, caseId, youthEmail, status, response.Headers.RetryAfter is not null, body);
        answers.Enqueue(answer);
        return answer;
    }

    /// <summary>What of the step is in the database: each of its rows found, or missing.</summary>
    private static async Task<(List<string> Found, List<string> Missing)> SavedAsync(NpgsqlConnection database, Answered answer)
    {
        List<(string What, string Sql, long Expected)> rows = answer.Step switch
        {
            "register" when answer.CaseId is null => [("case", "SELECT count(*) FROM cases WHERE youth_email = @email", 1)],
            "register" =>
            [
                ("case", "SELECT count(*) FROM cases WHERE id = @case", 1),
                ("workflow instance", "SELECT count(*) FROM workflow.instances WHERE id = @case", 1),
                ("journal entry", "SELECT count(*) FROM workflow.journal WHERE instance_id = @case AND kind = 'started'", 1),
                ("access-log row", "SELECT count(*) FROM access_log WHERE case_id = @case AND action = 'register'", 1),
            ],
            "choose-track" =>
            [
                ("state", "SELECT count(*) FROM workflow.instances WHERE id = @case AND state <> 'Registered'", 1),
                ("journal entry", "SELECT count(*) FROM workflow.journal WHERE instance_id = @case AND code = 'ChooseVoluntary'", 1),
                ("access-log row", "SELECT count(*) FROM access_log WHERE case_id = @case AND action = 'ChooseVoluntary'", 1),
            ],
            "invite" =>
            [
                ("state", "SELECT count(*) FROM workflow.instances WHERE id = @case AND state = 'Invited'", 1),
                ("journal entry", "SELECT count(*) FROM workflow.journal WHERE instance_id = @case AND code = 'Invite'", 1),
                ("meeting", "SELECT count(*) FROM meetings WHERE case_id = @case", 1),
                ("access-log row", "SELECT count(*) FROM access_log WHERE case_id = @case AND action = 'Invite'", 1),
                ("letters", "SELECT count(*) FROM letters WHERE case_id = @case AND kind = 'Invitation'", 2),
            ],
            _ => [],
        };

        var found = new List<string>();
        var missing = new List<string>();
        foreach (var (what, sql, expected) in rows)
        {
            var count = await CountAsync(database, sql, answer);
            if (count > 0)
            {
                found.Add($"{what} ({count})");
            }

            if (count != expected)
            {
                missing.Add($"{what} ({count} of {expected})");
            }
        }

        return (found, missing);
    }

    /// <summary>
    /// An invitation's letters are written by its activity; they are given time to be written however the activity
    /// runs, and what is still missing after that shows in the comparison.
    /// </summary>
    /// <summary>Where the case's activity executions stand, if the engine keeps them: why letters may be missing.</summary>
    private static async Task<string> ActivitiesAsync(NpgsqlConnection database, Answered answer)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT CASE WHEN to_regclass('workflow.activity_executions') IS NULL THEN '' ELSE (
                SELECT coalesce('; activities: ' || string_agg(activity || ' ' || status || ' after ' || attempts || ' attempt(s)' || coalesce(' ' || error_code, ''), ', '), '')
                FROM workflow.activity_executions WHERE instance_id = @case) END
            """,
            database);
        command.Parameters.AddWithValue("case", answer.CaseId ?? Guid.Empty);
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }

    private static async Task<long> CountAsync(NpgsqlConnection database, string sql, Answered answer)
    {
        await using var command = new NpgsqlCommand(sql, database);
        command.Parameters.AddWithValue("case", answer.CaseId ?? Guid.Empty);
        command.Parameters.AddWithValue("email", answer.YouthEmail);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }


    private sealed record Answered(string Step, Guid? CaseId, string YouthEmail, int Status, bool RetryAfter, string Body)
    {
        public bool Succeeded => Status is >= 200 and < 300;
    }
}
