using System.Net;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Coordination;

/// <summary>
/// What is written in the compartment — a Liaison's entry and task, an officer's radicalisation notes — reaches no
/// Officer or Lead of the case's unit by any path: only the notice that restricted information exists and whom to ask.
/// </summary>
public sealed class CompartmentLeakTests(ClockedHost clocked) : IClassFixture<ClockedHost>
{
    private static readonly string[] Readers = [DemoUsers.OsloOfficer, "leder-oslo", "leder-betjent-oslo", "betjent-oslo-2"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entries_tasks_and_mapping_notes_reach_no_Officer_or_Lead_of_the_unit_by_any_path_only_the_notice()
    {
        var marker = $"MARKØR{Guid.NewGuid():N}";
        // Every text written below starts with the marker, the PST reference (40 characters at most) too.
        var probe = marker[..20];
        var (id, caseNumber) = await MappedCaseAsync($"{marker}-kartlegging");
        using var liaison = new CaseApi(clocked.Host, CoordinationApi.Liaison);
        await liaison.FlagAsync(id);
        await liaison.AddEntryAsync(id, $"{marker}-oppføring", "pstRequest", probe);
        using (var task = await liaison.PostAsync($"/api/v1/cases/{id}/coordination/tasks", new { title = $"{marker}-oppgave", dueOn = "2099-01-01" }))
        {
            Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        }

        var shown = new List<(string Who, string Path, string Body)>();
        foreach (var reader in Readers)
        {
            using var api = new CaseApi(clocked.Host, reader);
            foreach (var path in new[]
            {
                $"/api/v1/cases/{id}", $"/api/v1/cases/{id}/timeline", $"/api/v1/cases/{id}/letters", "/api/v1/cases?limit=200",
                "/api/v1/cases?limit=200&state=Mapped", $"/api/v1/cases?limit=200&unit={CaseRequests.Unit}", $"/api/v1/cases?limit=200&officer={DemoUsers.OsloOfficer}",
                "/api/v1/cases?limit=200&dueBefore=2099-01-02T00:00:00Z", "/api/v1/tasks?limit=200", "/api/v1/tasks?mine=true&limit=200", "/api/v1/tasks/escalated",
            })
            {
                using var response = await api.GetResponseAsync(path);
                shown.Add((reader, path, await response.Content.ReadAsStringAsync(Token)));
            }

            using var client = clocked.Host.CreateHttpClient();
            await client.SignInAsync(reader);
            foreach (var page in new[] { $"/saker/{id}", "/saker", "/saker?state=Mapped", "/oppgaver", "/", $"/saker/{id}/record-mapping" })
            {
                shown.Add((reader, page, await client.GetStringAsync(page, Token)));
            }
        }

        Assert.DoesNotContain(shown, seen => seen.Body.Contains(probe, StringComparison.Ordinal));
        Assert.Contains(caseNumber, shown.Single(seen => seen.Who == DemoUsers.OsloOfficer && seen.Path == "/saker").Body, StringComparison.Ordinal);
        foreach (var reader in Readers)
        {
            Assert.Contains(
                $"Det finnes begrenset informasjon om denne saken. Spør forebyggingskontakt {CoordinationApi.LiaisonName}.",
                shown.Single(seen => seen.Who == reader && seen.Path == $"/saker/{id}").Body,
                StringComparison.Ordinal);
            Assert.Contains(
                $"\"restricted\":{{\"liaison\":\"{CoordinationApi.LiaisonName}\"}}",
                shown.Single(seen => seen.Who == reader && seen.Path == $"/api/v1/cases/{id}").Body,
                StringComparison.Ordinal);
        }

        Assert.DoesNotContain(clocked.Host.Mailbox.Messages, mail => $"{mail.Subject}{mail.TextBody}{mail.HtmlBody}".Contains(probe, StringComparison.Ordinal));
        Assert.DoesNotContain(clocked.Host.Logs.Lines, line => line.Contains(probe, StringComparison.Ordinal));
        Assert.Equal(0, await RowsHoldingAsync(probe, "access_log", "workflow.journal", "workflow.tasks", "case_entries", "mappings", "letters"));
    }

    [Fact]
    public async Task A_case_without_anything_in_the_compartment_shows_no_notice()
    {
        using var officer = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();

        Assert.Null((await officer.GetAsync(id)).Restricted);
        using var client = clocked.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);
        Assert.DoesNotContain("begrenset informasjon", await client.GetStringAsync($"/saker/{id}", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Radicalisation_notes_are_kept_for_the_Liaison_and_the_officer_is_told_to_ask_the_units_Liaison_until_one_decides()
    {
        var (id, _) = await MappedCaseAsync("Snakker om ekstreme nettforum.");
        using var officer = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        using var liaison = new CaseApi(clocked.Host, CoordinationApi.Liaison);

        Assert.Equal(new RestrictedView(null), (await officer.GetAsync(id)).Restricted);
        var compartment = await liaison.ReadAsync(id, "Vurdere notat fra kartleggingen");

        Assert.True(compartment.AwaitingDecision);
        var note = Assert.Single(compartment.Entries);
        Assert.Equal(("mappingNote", "Snakker om ekstreme nettforum.", "inConfidence", "Kari Nordmann"), (note.Kind, note.Summary, note.Classification, note.RecordedBy));

        using (var response = await liaison.PostAsync($"/api/v1/cases/{id}/flag", new { decision = "notNeeded" }))
        {
            Assert.Equal("notNeeded", (await CaseApi.ReadAsync<DecisionAnswer>(response, HttpStatusCode.OK)).Outcome);
        }

        Assert.False((await liaison.ReadAsync(id, "Kontrollere beslutningen")).AwaitingDecision);
        Assert.Equal(new RestrictedView(CoordinationApi.LiaisonName), (await officer.GetAsync(id)).Restricted);
    }

    /// <summary>A case in OSLO-SENTRUM taken to a signed mapping with the radicalisation notes given; its id and number.</summary>
    private async Task<(Guid Id, string CaseNumber)> MappedCaseAsync(string radicalisationNotes)
    {
        using var officer = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        await officer.StepAsync(id, "choose-track", new { track = "voluntary" });
        var start = clocked.NextSlot();
        await officer.StepAsync(id, "invite", CaseRequests.Invitation(start));
        await clocked.MoveClockToAsync(start);
        await officer.StepAsync(id, "record-attendance", new { youthAttended = true });
        Assert.Equal("Mapped", await officer.StepAsync(id, "record-mapping", CaseRequests.Mapping("moderate", radicalisationNotes)));
        return (id, (await officer.GetAsync(id)).CaseNumber);
    }

    /// <summary>How many rows of the tables hold the text anywhere (the whole row as text).</summary>
    private async Task<long> RowsHoldingAsync(string text, params string[] tables)
    {
        await using var connection = new NpgsqlConnection(clocked.Host.ConnectionString);
        await connection.OpenAsync(Token);
        long rows = 0;
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE t::text LIKE '%' || @text || '%'", connection);
            command.Parameters.AddWithValue("text", text);
            rows += (long)(await command.ExecuteScalarAsync(Token))!;
        }

        return rows;
    }
}
