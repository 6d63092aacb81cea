using System.Net;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Coordination;

/// <summary>Who reaches the compartment (a Liaison of the case's unit, stating why), and how every read and write is logged.</summary>
public sealed class CompartmentAccessTests(SharedHost shared)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> OthersOfTheUnit => new() { DemoUsers.OsloOfficer, "leder-oslo", "leder-betjent-oslo", DemoUsers.Administrator, "revisor" };

    [Theory]
    [MemberData(nameof(OthersOfTheUnit))]
    public async Task Every_compartment_route_answers_anyone_but_a_Liaison_as_if_the_case_did_not_exist(string staffId)
    {
        var id = await FlaggedCaseAsync();
        using var api = new CaseApi(shared.Host, staffId);

        var missing = await AnswersAsync(api, Guid.NewGuid());
        var answers = await AnswersAsync(api, id);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.NotFound, answer.Status));
        Assert.Equal(missing.Select(answer => answer.Body), answers.Select(answer => answer.Body));
        Assert.Equal(HttpStatusCode.NotFound, await PageStatusAsync(staffId, id));
    }

    [Fact]
    public async Task A_Liaison_outside_the_cases_unit_gets_the_same_404_as_for_a_case_that_does_not_exist()
    {
        using var officer = new CaseApi(shared.Host, "betjent-vest");
        var registration = CaseRequests.Registration();
        registration["unitCode"] = "VEST-BERGEN";
        registration["source"] = "pst";
        var id = await officer.RegisterAsync(registration);
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);

        var missing = await AnswersAsync(liaison, Guid.NewGuid());
        var answers = await AnswersAsync(liaison, id);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.NotFound, answer.Status));
        Assert.Equal(missing.Select(answer => answer.Body), answers.Select(answer => answer.Body));
        Assert.Equal(HttpStatusCode.NotFound, await PageStatusAsync(CoordinationApi.Liaison, id));
        Assert.DoesNotContain((await CoordinationApi.AccessLogAsync(shared.Host, id)), row => row.StaffId == CoordinationApi.Liaison);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task A_Liaison_reading_without_a_purpose_gets_400_and_reads_nothing(string? purpose)
    {
        var id = await FlaggedCaseAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);

        using var response = await liaison.GetResponseAsync(CoordinationApi.Compartment(id, purpose));

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["Feltet må fylles ut."], problem.For("purpose"));
        Assert.DoesNotContain(await CoordinationApi.AccessLogAsync(shared.Host, id), row => row.Action == "read-coordination");
    }

    [Fact]
    public async Task A_purpose_longer_than_500_characters_is_refused()
    {
        var id = await FlaggedCaseAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);

        using var response = await liaison.GetResponseAsync(CoordinationApi.Compartment(id, new string('a', 501)));

        Assert.Equal(["Teksten kan være høyst 500 tegn."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("purpose"));
    }

    [Fact]
    public async Task A_Liaisons_read_is_logged_with_the_purpose_in_their_words_and_every_write_is_logged_as_coordination()
    {
        var id = await FlaggedCaseAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);
        await liaison.AddEntryAsync(id, "PST ringte om ungdommen.");

        var compartment = await liaison.ReadAsync(id, "Forberede møte med PST torsdag");

        Assert.Equal("PST ringte om ungdommen.", Assert.Single(compartment.Entries).Summary);
        Assert.Equal(
            [
                (CoordinationApi.Liaison, "decide-coordination", "coordination", null),
                (CoordinationApi.Liaison, "add-coordination-entry", "coordination", null),
                (CoordinationApi.Liaison, "read-coordination", "coordination", "Forberede møte med PST torsdag"),
            ],
            (await CoordinationApi.AccessLogAsync(shared.Host, id)).Where(row => row.StaffId == CoordinationApi.Liaison));
    }

    [Fact]
    public async Task Two_decisions_on_the_same_version_at_once_save_one_and_answer_the_other_409()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);

        var responses = await Task.WhenAll(
            liaison.PostAsync($"/api/v1/cases/{id}/flag", new { decision = "flagged" }),
            liaison.PostAsync($"/api/v1/cases/{id}/flag", new { decision = "notNeeded" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var decision = (await liaison.ReadAsync(id, "Kontrollere beslutningen")).Decision!;
        Assert.Equal(1, decision.Version);
        using var stale = await liaison.PostAsync($"/api/v1/cases/{id}/flag", new { decision = "flagged" });
        Assert.Contains("versjon 1", (await CaseApi.ProblemAsync(stale, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        using var current = await liaison.PostAsync($"/api/v1/cases/{id}/flag", new { decision = "flagged", version = 1 });
        Assert.Equal(2, (await CaseApi.ReadAsync<DecisionAnswer>(current, HttpStatusCode.OK)).Version);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Entries_and_tasks_wait_for_the_case_to_be_flagged()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);

        using var entry = await liaison.PostAsync($"/api/v1/cases/{id}/coordination", CoordinationApi.Entry("Notat"));
        using var task = await liaison.PostAsync($"/api/v1/cases/{id}/coordination/tasks", new { title = "Ring PST", dueOn = "2099-01-01" });

        Assert.StartsWith("Saken er ikke flagget", (await CaseApi.ProblemAsync(entry, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        Assert.StartsWith("Saken er ikke flagget", (await CaseApi.ProblemAsync(task, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_from_PST_needs_PSTs_reference_and_nothing_is_saved_without_it()
    {
        var id = await FlaggedCaseAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);

        using var response = await liaison.PostAsync($"/api/v1/cases/{id}/coordination", CoordinationApi.Entry("PST ber om samtale.", "pstRequest"));

        Assert.Equal(["Feltet må fylles ut."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("pstReference"));
        Assert.Empty((await liaison.ReadAsync(id, "Kontrollere at ingenting ble lagret")).Entries);
    }

    [Fact]
    public async Task A_coordination_task_is_done_once_and_saying_it_again_tells_by_whom()
    {
        var id = await FlaggedCaseAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);
        using var created = await liaison.PostAsync($"/api/v1/cases/{id}/coordination/tasks", new { title = "Ring PST tilbake", dueOn = "2099-01-01" });
        var task = await CaseApi.ReadAsync<CoordinationTaskAnswer>(created, HttpStatusCode.Created);

        using var done = await liaison.PostAsync($"/api/v1/cases/{id}/coordination/tasks/{task.Id}/complete", new { });
        using var again = await liaison.PostAsync($"/api/v1/cases/{id}/coordination/tasks/{task.Id}/complete", new { });

        Assert.Equal(CoordinationApi.LiaisonName, (await CaseApi.ReadAsync<CoordinationTaskAnswer>(done, HttpStatusCode.OK)).DoneBy);
        Assert.EndsWith($"av {CoordinationApi.LiaisonName}.", (await CaseApi.ProblemAsync(again, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compartment_page_asks_why_in_Norwegian_before_it_shows_anything_and_then_shows_the_entries()
    {
        var id = await FlaggedCaseAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);
        await liaison.AddEntryAsync(id, "PST har kontakt med skolen.");
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(CoordinationApi.Liaison);
        var page = $"/saker/{id}/koordinering";

        var asked = await client.GetStringAsync(page, Token);
        using var empty = await client.SubmitAsync(page, new Dictionary<string, string> { ["purpose"] = "" }, "Open");
        using var stated = await client.SubmitAsync(page, new Dictionary<string, string> { ["purpose"] = "Forberede samtale med skolen" }, "Open");

        Assert.Contains("Hvorfor åpner du koordineringsrommet?", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("PST har kontakt med skolen.", asked, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Feltet må fylles ut.", await empty.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("PST har kontakt med skolen.", await stated.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(
            ["Forberede samtale med skolen"],
            (await CoordinationApi.AccessLogAsync(shared.Host, id)).Where(row => row.Action == "read-coordination").Select(row => row.Stated));
    }

    [Fact]
    public async Task An_entry_form_without_a_summary_shows_a_Norwegian_error_and_saves_nothing()
    {
        var id = await FlaggedCaseAsync();
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(CoordinationApi.Liaison);

        using var response = await client.SubmitAsync($"/saker/{id}/koordinering", new Dictionary<string, string>
        {
            ["purpose"] = "Registrere kontakt med PST",
            ["kind"] = "pstContact",
            ["occurredOn"] = "2026-01-05",
            ["summary"] = "",
            ["classification"] = "restricted",
        }, "AddEntry");

        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Skjemaet har feil. Ingenting er lagret.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#oppforing-summary\">Feltet må fylles ut.", html, StringComparison.Ordinal);
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);
        Assert.Empty((await liaison.ReadAsync(id, "Kontrollere at ingenting ble lagret")).Entries);
    }

    private async Task<Guid> FlaggedCaseAsync()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);
        await liaison.FlagAsync(id);
        return id;
    }

    /// <summary>Every compartment route's status and body for the case, as this user.</summary>
    private static async Task<List<(HttpStatusCode Status, string Body)>> AnswersAsync(CaseApi api, Guid caseId)
    {
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var response in new[]
        {
            await api.GetResponseAsync(CoordinationApi.Compartment(caseId, "Se rommet")),
            await api.GetResponseAsync(CoordinationApi.Compartment(caseId)),
            await api.PostAsync($"/api/v1/cases/{caseId}/flag", new { decision = "flagged" }),
            await api.PostAsync($"/api/v1/cases/{caseId}/coordination", CoordinationApi.Entry("Notat")),
            await api.PostAsync($"/api/v1/cases/{caseId}/coordination/tasks", new { title = "Ring PST", dueOn = "2099-01-01" }),
            await api.PostAsync($"/api/v1/cases/{caseId}/coordination/tasks/{Guid.NewGuid()}/complete", new { }),
        })
        {
            using (response)
            {
                answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(Token)));
            }
        }

        return answers;
    }

    private async Task<HttpStatusCode> PageStatusAsync(string staffId, Guid caseId)
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(staffId);
        using var response = await client.GetAsync($"/saker/{caseId}/koordinering", Token);
        return response.StatusCode;
    }
}
