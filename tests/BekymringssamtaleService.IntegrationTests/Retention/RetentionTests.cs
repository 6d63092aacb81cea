using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Retention;

/// <summary>
/// A case closed longer ago than its outcome's period is blocked by the nightly job, and a year later emptied of
/// personal data: on a host whose clock the test moves (defaults: a year for "declined by family", a further year).
/// </summary>
public sealed class RetentionTests(ClockedHost clocked) : IClassFixture<ClockedHost>
{
    private const string Admin = DemoUsers.Administrator;
    private static readonly TimeSpan OneYear = TimeSpan.FromDays(365);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_closed_case_is_blocked_after_its_period_and_emptied_of_personal_data_a_year_later_while_statistics_and_the_access_log_stay()
    {
        using var officer = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var (id, personalData) = await CloseDeclinedCaseAsync(officer);
        var stillOpen = await officer.RegisterAsync();
        var statistics = await StatisticsAsync();

        // A day short of the period: nothing happens.
        var closedAt = clocked.Clock.GetUtcNow();
        await clocked.MoveClockToAsync(closedAt + OneYear - TimeSpan.FromDays(1));
        await RunRetentionAsync();
        Assert.Equal(HttpStatusCode.OK, (await officer.GetResponseAsync($"/api/v1/cases/{id}")).StatusCode);

        // Past the period: blocked, gone for the officer and from the list, readable by an Admin who states a purpose.
        await clocked.MoveClockToAsync(closedAt + OneYear + TimeSpan.FromDays(1));
        var blockingRun = await RunRetentionAsync();
        Assert.Equal(await CasesBlockedAtAsync(blockingRun.StartedAt), blockingRun.CasesBlocked);
        Assert.Equal(0, blockingRun.CasesDeleted);
        using (var response = await officer.GetResponseAsync($"/api/v1/cases/{id}"))
        {
            Assert.Equal("Fant ikke saken", (await CaseApi.ProblemAsync(response, HttpStatusCode.NotFound)).Title);
        }

        var listed = await officer.ListAllAsync();
        Assert.DoesNotContain(listed, c => c.Id == id);
        Assert.Contains(listed, c => c.Id == stillOpen);
        using (var admin = new CaseApi(clocked.Host, Admin))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetResponseAsync($"/api/v1/cases/{id}")).StatusCode);
        }

        var accessLogBefore = await AccessLogOfAsync(id);
        using var adminPages = clocked.Host.CreateHttpClient();
        await adminPages.SignInAsync(Admin);
        using (var withoutPurpose = await adminPages.SubmitAsync($"/admin/oppbevaring/{id}", new Dictionary<string, string> { ["Input.Purpose"] = " " }))
        {
            var page = await withoutPurpose.Content.ReadAsStringAsync(Token);
            Assert.Contains("Skriv hvorfor du må lese den sperrede saken.", page, StringComparison.Ordinal);
            Assert.DoesNotContain(personalData.FamilyName, page, StringComparison.Ordinal);
        }

        using (var withPurpose = await adminPages.SubmitAsync($"/admin/oppbevaring/{id}", new Dictionary<string, string> { ["Input.Purpose"] = "Klage fra foresatte, sak 2027/14" }))
        {
            Assert.Equal(HttpStatusCode.OK, withPurpose.StatusCode);
            var page = await withPurpose.Content.ReadAsStringAsync(Token);
            Assert.Contains(personalData.FamilyName, page, StringComparison.Ordinal);
            Assert.Contains(personalData.ConcernText, page, StringComparison.Ordinal);
        }

        var reviews = (await AccessLogOfAsync(id)).Except(accessLogBefore).ToList();
        Assert.Equal(
            [("forvalter", "read", "blocked-case-review", "Klage fra foresatte, sak 2027/14"), ("forvalter", "read-timeline", "blocked-case-review", "Klage fra foresatte, sak 2027/14"), ("forvalter", "read-letters", "blocked-case-review", "Klage fra foresatte, sak 2027/14")],
            reviews.Select(r => (r.StaffId, r.Action, r.Purpose, r.StatedPurpose)));

        // A further year: the personal data and free text are gone everywhere; statistics and the access log are as they were.
        Assert.Contains("public.case_name_words", await PlacesHoldingAsync(personalData.All));
        var accessLog = await AccessLogOfAsync(id);
        await clocked.MoveClockToAsync(blockingRun.StartedAt + OneYear + TimeSpan.FromDays(1));
        var deletingRun = await RunRetentionAsync();
        Assert.Equal(await CasesEmptiedAtAsync(deletingRun.StartedAt), deletingRun.CasesDeleted);
        Assert.True(deletingRun.CasesDeleted >= 1);
        Assert.Empty(await PlacesHoldingAsync(personalData.All));
        var emptied = string.Join("\n", await CaseRowsAsync(id));
        Assert.All(personalData.Shared, value => Assert.DoesNotContain(value, emptied, StringComparison.Ordinal));
        Assert.Equal(statistics, await StatisticsAsync());
        Assert.Equal(accessLog, await AccessLogOfAsync(id));

        // Running again changes nothing more, and is recorded as such.
        var snapshot = await CaseRowsAsync(id);
        var again = await RunRetentionAsync();
        Assert.Equal((0, 0), (again.CasesBlocked, again.CasesDeleted));
        Assert.Equal(snapshot, await CaseRowsAsync(id));
        Assert.Equal(statistics, await StatisticsAsync());

        // A year on, the Admin signs in again to see the periods and the runs.
        await adminPages.SignInAsync(Admin);
        using var overview = await adminPages.GetAsync("/admin/oppbevaring", Token);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var overviewPage = await overview.Content.ReadAsStringAsync(Token);
        Assert.Contains("Familien takket nei", overviewPage, StringComparison.Ordinal);
        Assert.Contains("365 dager (om lag 1 år)", overviewPage, StringComparison.Ordinal);
    }

    /// <summary>Registers a case with texts of its own, has the family decline, and closes it as declined by the family.</summary>
    private async Task<(Guid Id, PersonalData Data)> CloseDeclinedCaseAsync(CaseApi officer)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var registration = CaseRequests.Registration();
        registration["concernText"] = $"Bekymring {tag}: skolen melder om fravær.";
        var place = $"Møterom {tag}, Grønlandsleiret 44";
        var id = await officer.RegisterAsync(registration);
        await officer.StepAsync(id, "choose-track", new { track = "voluntary" });
        await officer.StepAsync(id, "invite", new { meetingStart = clocked.NextSlot(), durationMinutes = MeetingSlots.Minutes, place, officerIds = new[] { DemoUsers.OsloOfficer } });
        await officer.StepAsync(id, "record-reply", new { reply = "declined", note = $"Far {tag} ønsker ikke samtale." });
        Assert.Equal("Closed", await officer.StepAsync(id, "close", new { outcome = "declinedByFamily", note = $"Avsluttet {tag} etter avslag." }));
        await clocked.MoveClockToAsync(clocked.Clock.GetUtcNow());

        var youth = registration["youth"]!;
        var guardian = registration["guardians"]![0]!;
        return (id, new PersonalData(
            youth["familyName"].AsText(), registration["concernText"].AsText(),
            [
                youth["familyName"].AsText(), youth["email"].AsText(), guardian["name"].AsText(), guardian["email"].AsText(), registration["concernText"].AsText(), place,
                $"Far {tag} ønsker ikke samtale.", $"Avsluttet {tag} etter avslag.",
            ],
            [youth["nationalIdNumber"].AsText(), youth["phone"].AsText(), youth["birthDate"].AsText(), guardian["address"].AsText()]));
    }

    private async Task<RunRow> RunRetentionAsync()
    {
        using (var scope = clocked.Host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(Token);
        }

        return (await QueryAsync(
            "SELECT started_at, cases_blocked, cases_deleted FROM retention_runs ORDER BY id DESC LIMIT 1",
            reader => new RunRow(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1), reader.GetInt32(2)))).Single();
    }

    private async Task<int> CasesBlockedAtAsync(DateTimeOffset at) =>
        (await QueryAsync("SELECT count(*)::int FROM cases WHERE blocked_at = @at", reader => reader.GetInt32(0), ("at", at))).Single();

    private async Task<int> CasesEmptiedAtAsync(DateTimeOffset at) =>
        (await QueryAsync("SELECT count(*)::int FROM cases WHERE personal_data_deleted_at = @at", reader => reader.GetInt32(0), ("at", at))).Single();

    /// <summary>What anonymous statistics count: cases per state, outcome and unit; meetings, letters and measures per code; mappings per level.</summary>
    private Task<List<string>> StatisticsAsync() => QueryAsync(
        """
        SELECT format('%s/%s/%s: %s', i.state, coalesce(i.data ->> 'outcome', '-'), c.unit_code, count(*)) FROM cases c JOIN workflow.instances i ON i.id = c.id GROUP BY i.state, i.data ->> 'outcome', c.unit_code
        UNION ALL SELECT format('meetings %s: %s', status, count(*)) FROM meetings GROUP BY status
        UNION ALL SELECT format('letters %s/%s: %s', kind, status, count(*)) FROM letters GROUP BY kind, status
        UNION ALL SELECT format('measures %s/%s: %s', measure_code, status, count(*)) FROM agreed_measures GROUP BY measure_code, status
        UNION ALL SELECT format('mappings %s: %s', overall_concern, count(*)) FROM mappings GROUP BY overall_concern
        UNION ALL SELECT format('entries %s: %s', step, count(*)) FROM case_entries GROUP BY step
        ORDER BY 1
        """,
        reader => reader.GetString(0));

    private Task<List<(string StaffId, string Action, string Purpose, string? StatedPurpose)>> AccessLogOfAsync(Guid caseId) => QueryAsync(
        "SELECT staff_id, action, purpose, stated_purpose FROM access_log WHERE case_id = @id ORDER BY id",
        reader => (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)),
        ("id", caseId));

    /// <summary>Every row about the case in every table, as text: what a second run must leave exactly as it was.</summary>
    private Task<List<string>> CaseRowsAsync(Guid caseId) => QueryAsync(
        """
        SELECT c::text FROM cases c WHERE id = @id
        UNION ALL SELECT g::text FROM guardians g WHERE case_id = @id
        UNION ALL SELECT m::text FROM meetings m WHERE case_id = @id
        UNION ALL SELECT l::text FROM letters l WHERE case_id = @id
        UNION ALL SELECT e::text FROM case_entries e WHERE case_id = @id
        UNION ALL SELECT i::text FROM workflow.instances i WHERE id = @id
        UNION ALL SELECT t::text FROM workflow.tasks t WHERE instance_id = @id
        ORDER BY 1
        """,
        reader => reader.GetString(0),
        ("id", caseId));

    /// <summary>Each table of the database (any schema) with a row whose text holds one of the values: "public.letters".</summary>
    private async Task<List<string>> PlacesHoldingAsync(IReadOnlyList<string> values)
    {
        var tables = await QueryAsync(
            "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
            reader => reader.GetString(0));
        var places = new List<string>();
        foreach (var table in tables)
        {
            var found = await QueryAsync(
                $"SELECT count(*)::int FROM {table} AS row WHERE EXISTS (SELECT 1 FROM unnest(@values::text[]) AS value WHERE strpos(lower(row::text), lower(value)) > 0)",
                reader => reader.GetInt32(0),
                ("values", values.ToArray()));
            if (found.Single() > 0)
            {
                places.Add(table);
            }
        }

        return places;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var scope = clocked.Host.Services.CreateScope();
        var connection = (NpgsqlConnection)scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<T>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>The values unique to the case (other cases share the demo phone number and national ID number, checked on the case's own rows).</summary>
    private sealed record PersonalData(string FamilyName, string ConcernText, IReadOnlyList<string> All, IReadOnlyList<string> Shared);

    private sealed record RunRow(DateTimeOffset StartedAt, int CasesBlocked, int CasesDeleted);
}
