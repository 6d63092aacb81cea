using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace BekymringssamtaleService.BrowserTests;

public sealed class TaskListTests(BrowserSession browser)
{
    private const string CallTheFamily = "Ring familien – ingen svar på innkallingen";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_officer_takes_a_task_on_the_task_list_and_completes_it_with_a_note_and_neither_page_has_accessibility_violations()
    {
        var caseId = await InvitedCaseAsync();
        await BringNoReplyTimerDueAsync(caseId);

        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Oppgaver", Exact = true }).ClickAsync();
        var row = page.GetByTestId("task-row").Filter(new() { Has = page.Locator($"a[href='/saker/{caseId}']") });
        await Assertions.Expect(row).ToContainTextAsync(CallTheFamily);
        await Assertions.Expect(row).ToContainTextAsync("Ingen ennå (for forebygger)");
        Assert.Empty(await Accessibility.ViolationsAsync(page));

        await row.GetByRole(AriaRole.Button, new() { Name = "Ta oppgaven" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync($"{CallTheFamily}: Du har tatt oppgaven.");
        await Assertions.Expect(row).ToContainTextAsync("Kari Nordmann");

        await row.GetByRole(AriaRole.Link, new() { Name = "Åpne oppgaven" }).ClickAsync();
        await page.GetByLabel("Notat (valgfritt)").FillAsync("Far ringte tilbake og kommer.");
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Fullfør oppgaven" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/oppgaver$"));
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync($"{CallTheFamily}: Oppgaven er fullført.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.GotoAsync($"/saker/{caseId}");
        var onCase = page.GetByTestId("case-task").Filter(new() { HasText = CallTheFamily });
        await Assertions.Expect(onCase).ToContainTextAsync("Fullført");
        await Assertions.Expect(onCase).ToContainTextAsync("Notat: Far ringte tilbake og kommer.");
    }

    /// <summary>A voluntary case of OSLO-SENTRUM invited through the API, the family's reply awaited.</summary>
    private async Task<Guid> InvitedCaseAsync()
    {
        using var api = browser.Host.CreateHttpClient();
        api.DefaultRequestHeaders.Add("X-Dev-User", DemoUsers.OsloOfficer);
        var birthDate = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddYears(-15);
        var registration = new JsonObject
        {
            ["unitCode"] = "OSLO-SENTRUM",
            ["youth"] = new JsonObject { ["givenName"] = "Oda", ["familyName"] = "Oppgavesen", ["birthDate"] = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["language"] = "nb" },
            ["guardians"] = new JsonArray(new JsonObject
            {
                ["name"] = "Per Oppgavesen", ["email"] = "per.oppgavesen@example.com", ["address"] = "Storgata 1, 0184 Oslo", ["language"] = "nb", ["livesWithYouth"] = true,
            }),
            ["source"] = "school",
            ["concernText"] = "Skolen melder om mye fravær.",
        };
        var id = (await PostAsync(api, "/api/v1/cases", registration))["id"]!.GetValue<Guid>();
        await PostAsync(api, $"/api/v1/cases/{id}/choose-track", new JsonObject { ["track"] = "voluntary" });
        await PostAsync(api, $"/api/v1/cases/{id}/invite", new JsonObject
        {
            ["meetingStart"] = MeetingFiftyDaysAhead(),
            ["durationMinutes"] = 60,
            ["place"] = "Oslo politihus, Grønlandsleiret 44",
            ["officerIds"] = new JsonArray(DemoUsers.OsloOfficer),
        });
        return id;
    }

    private static async Task<JsonObject> PostAsync(HttpClient api, string path, JsonObject body)
    {
        using var response = await api.PostAsJsonAsync(path, body, Token);
        var answer = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {answer}");
        return JsonNode.Parse(answer)!.AsObject();
    }

    /// <summary>13:00 Oslo time on the weekday fifty days ahead: past the slots other browser tests book.</summary>
    private static DateTimeOffset MeetingFiftyDaysAhead()
    {
        var day = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddDays(50);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return OsloTime.FromOsloWallClock(day.ToDateTime(new TimeOnly(13, 0)));
    }

    /// <summary>
    /// The browser's host runs on the real clock, so instead of waiting five days for the family's answer the "no reply
    /// yet" timer's due time is moved to now; then it fires as the due-work pump fires it.
    /// </summary>
    private async Task BringNoReplyTimerDueAsync(Guid caseId)
    {
        await using (var connection = new NpgsqlConnection(browser.Host.ConnectionString))
        {
            await connection.OpenAsync(Token);
            await using var command = new NpgsqlCommand(
                "UPDATE workflow.timers SET due_at = now() WHERE instance_id = @case AND name = 'NoReplyYet' AND status = 'pending'", connection);
            command.Parameters.AddWithValue("case", caseId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Token));
        }

        await browser.Host.Services.GetRequiredService<DueTimers>().FireDueAsync(batchSize: 100, parallelism: 1, Token);
    }
}
