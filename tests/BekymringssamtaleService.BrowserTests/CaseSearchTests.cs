using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>Saker (/saker): an officer searches by name and by case number, filters by step, and mistypes a birth date.</summary>
public sealed class CaseSearchTests(BrowserSession browser)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_officer_finds_a_case_by_name_and_by_number_and_filters_by_step_and_the_page_has_no_accessibility_violations()
    {
        var familyName = "Finnesen" + Guid.NewGuid().ToString("N")[..8];
        await RegisterWithTrackAsync(familyName);
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Saker", Exact = true }).ClickAsync();

        await page.GetByLabel("Saksnummer eller navn på ungdommen").FillAsync("tuva " + familyName.ToUpperInvariant()[..10]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk" }).ClickAsync();
        var rows = page.GetByTestId("case-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync($"Tuva {familyName}");
        await Assertions.Expect(rows).ToContainTextAsync("Forebyggende seksjon sentrum");
        await Assertions.Expect(rows).ToContainTextAsync("Klar til innkalling");
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, "saker-name-search"));

        var caseNumber = await rows.GetByRole(AriaRole.Link).InnerTextAsync();
        await page.GetByLabel("Saksnummer eller navn på ungdommen").FillAsync(caseNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.GetByRole(AriaRole.Link)).ToHaveTextAsync(caseNumber);

        await page.GetByLabel("Saksnummer eller navn på ungdommen").FillAsync(familyName);
        await page.GetByText("Filtre", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Steg", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Registrert" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-cases")).ToBeVisibleAsync();
        await page.GetByTestId("step-counts").GetByRole(AriaRole.Link, new() { Name = "Klar til innkalling (1)" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Steg", new() { Exact = true })).ToHaveValueAsync("ReadyToInvite");
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, "saker-step-filter"));
    }

    [Fact]
    public async Task A_wrong_birth_date_is_told_in_Norwegian_with_the_summary_focused_and_the_form_has_no_accessibility_violations()
    {
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        await page.GotoAsync("/saker");

        await page.GetByText("Filtre", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Fødselsdato").FillAsync("31.02.2011");
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk" }).ClickAsync();

        var summary = page.GetByTestId("error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Skriv fødselsdatoen som dd.mm.åååå, for eksempel 14.03.2011.");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Fødselsdato")).ToHaveValueAsync("31.02.2011");
        await Assertions.Expect(page.GetByTestId("cases")).ToHaveCountAsync(0);
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, "saker-errors"));
    }

    /// <summary>Registers Tuva with the family name in OSLO-SENTRUM through the API and chooses the voluntary track.</summary>
    private async Task RegisterWithTrackAsync(string familyName)
    {
        using var api = browser.Host.CreateHttpClient();
        api.DefaultRequestHeaders.Add("X-Dev-User", DemoUsers.OsloOfficer);
        var birthDate = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddYears(-14);
        var registration = new JsonObject
        {
            ["unitCode"] = "OSLO-SENTRUM",
            ["youth"] = new JsonObject { ["givenName"] = "Tuva", ["familyName"] = familyName, ["birthDate"] = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["language"] = "nb" },
            ["guardians"] = new JsonArray(new JsonObject
            {
                ["name"] = "Per " + familyName, ["email"] = $"{familyName.ToLowerInvariant()}@example.com", ["address"] = "Storgata 1, 0184 Oslo", ["language"] = "nb", ["livesWithYouth"] = true,
            }),
            ["source"] = "school",
            ["concernText"] = "Skolen melder om mye fravær.",
        };
        var id = (await PostAsync(api, "/api/v1/cases", registration))["id"]!.GetValue<Guid>();
        await PostAsync(api, $"/api/v1/cases/{id}/choose-track", new JsonObject { ["track"] = "voluntary" });
    }

    private static async Task<JsonObject> PostAsync(HttpClient api, string path, JsonObject body)
    {
        using var response = await api.PostAsJsonAsync(path, body, Token);
        var answer = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {answer}");
        return JsonNode.Parse(answer)!.AsObject();
    }
}
