using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>
/// The case page as an officer uses it: the header and the diagram, the mapping recorded twice and both versions read,
/// cancelling only after confirming, and the printed summary. On a host whose clock the test moves, so that a
/// conversation can be held and mapped.
/// </summary>
public sealed class CasePageTests(BrowserSession browser) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    private ServiceHost _host = null!;
    private DateTime _lastSlot = DateTime.MinValue;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await ServiceHost.StartAsync(services: services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_officer_reads_the_step_and_the_next_date_in_the_header_and_sees_the_step_highlighted_in_the_diagram()
    {
        var (caseId, meeting) = await InvitedCaseAsync();
        var page = await browser.OpenPageAsync(_host, DemoUsers.OsloOfficer);
        await page.GotoAsync($"/saker/{caseId}");

        var header = page.GetByTestId("case-header");
        await Assertions.Expect(header.GetByTestId("case-state")).ToHaveTextAsync("Innkalt");
        await Assertions.Expect(header.GetByTestId("next-date")).ToHaveTextAsync($"Samtale: {OsloTime.Format(meeting)}");
        await Assertions.Expect(header.GetByTestId("responsible-officer")).ToHaveTextAsync(DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName);
        await Assertions.Expect(header.GetByTestId("case-unit")).ToHaveTextAsync("Forebyggende seksjon sentrum");
        await Assertions.Expect(page.GetByTestId("main-action")).ToHaveTextAsync("Registrer svar");

        var diagram = page.GetByTestId("case-diagram");
        await Assertions.Expect(diagram.GetByTestId("diagram-current")).ToContainTextAsync("Saken står i steget Innkalt.");
        await diagram.GetByText("Vis arbeidsflyten som diagram").ClickAsync();
        var current = diagram.Locator("svg .current");
        await Assertions.Expect(current).ToHaveCountAsync(1);
        await Assertions.Expect(current).ToContainTextAsync("Innkalt");
        // The labels are drawn at least at the body's size.
        var sizes = await diagram.Locator("svg").EvaluateAsync<double[]>(
            "svg => [parseFloat(getComputedStyle(svg.querySelector('.current .nodeLabel, .current text')).fontSize), parseFloat(getComputedStyle(document.body).fontSize)]");
        Assert.True(sizes[0] >= sizes[1], $"The diagram's labels are {sizes[0]} px, the body's text {sizes[1]} px.");

        NoViolations(await Accessibility.ViolationsAtEveryWidthAsync(page, "case-page-invited"));
    }

    [Fact]
    public async Task An_officer_records_a_mapping_twice_and_reads_both_versions_with_what_changed()
    {
        var caseId = await HeldCaseAsync();
        var page = await browser.OpenPageAsync(_host, DemoUsers.OsloOfficer);
        await page.GotoAsync($"/saker/{caseId}");

        await page.GetByTestId("main-action").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registrer kartlegging", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer kartlegging" }).ClickAsync();
        var summary = page.GetByTestId("error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Samlet vurdering – Bekymringsnivå");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        NoViolations(await Accessibility.ViolationsAtEveryWidthAsync(page, "mapping-form-errors"));

        await Area(page, "Skole/arbeid").GetByLabel("Risikofaktorer").FillAsync("Mye fravær");
        await Area(page, "Skole/arbeid").GetByLabel("Beskyttelsesfaktorer").FillAsync("God kontakt med kontaktlærer");
        await Area(page, "Samlet vurdering").GetByLabel("Bekymringsnivå").SelectOptionAsync("moderate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer kartlegging" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Kartlagt");

        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer kartlegging" }).ClickAsync();
        await Area(page, "Skole/arbeid").GetByLabel("Risikofaktorer").FillAsync("Mye fravær");
        await Area(page, "Nettliv").GetByLabel("Risikofaktorer").FillAsync("Spiller på nett hele natten");
        await Area(page, "Samlet vurdering").GetByLabel("Bekymringsnivå").SelectOptionAsync("high");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer kartlegging" }).ClickAsync();

        var versions = page.GetByTestId("mapping-version");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.Nth(0).Locator("summary")).ToContainTextAsync("Versjon 2 (gjeldende): Høy bekymring");
        await Assertions.Expect(versions.Nth(0)).ToContainTextAsync("Samlet vurdering endret fra moderat bekymring til høy bekymring.");
        await Assertions.Expect(versions.Nth(0)).ToContainTextAsync("Skole/arbeid: beskyttelsesfaktorer fjernet.");
        await Assertions.Expect(versions.Nth(0)).ToContainTextAsync("Nettliv: risikofaktorer lagt til.");
        await Assertions.Expect(versions.Nth(1).Locator("summary")).ToContainTextAsync($"Versjon 1: Moderat bekymring, signert");
        await versions.Nth(1).Locator("summary").ClickAsync();
        await Assertions.Expect(versions.Nth(1)).ToContainTextAsync("God kontakt med kontaktlærer");
        NoViolations(await Accessibility.ViolationsAtEveryWidthAsync(page, "case-page-mapped"));
    }

    [Fact]
    public async Task An_officer_cancels_a_case_only_once_the_cancellation_is_confirmed()
    {
        var (caseId, _) = await InvitedCaseAsync();
        var page = await browser.OpenPageAsync(_host, DemoUsers.OsloOfficer);
        await page.GotoAsync($"/saker/{caseId}");
        await Assertions.Expect(page.GetByTestId("permitted-actions")).Not.ToContainTextAsync("Avbryt saken");

        await page.GetByTestId("danger-zone").GetByRole(AriaRole.Link, new() { Name = "Avbryt saken" }).ClickAsync();
        await page.GetByLabel("Begrunnelse").FillAsync("Familien har flyttet fra distriktet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avbryt saken" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Jeg bekrefter at saken skal avbrytes: Kryss av for å bekrefte.");
        NoViolations(await Accessibility.ViolationsAtEveryWidthAsync(page, "cancel-case-unconfirmed"));
        await page.GotoAsync($"/saker/{caseId}");
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Innkalt");

        await page.GetByTestId("danger-zone").GetByRole(AriaRole.Link, new() { Name = "Avbryt saken" }).ClickAsync();
        await page.GetByLabel("Begrunnelse").FillAsync("Familien har flyttet fra distriktet.");
        await page.GetByLabel("Jeg bekrefter at saken skal avbrytes").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Avbryt saken" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Avbrutt");
        await Assertions.Expect(page.GetByTestId("danger-zone")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_case_page_prints_as_a_summary_without_navigation_buttons_or_the_diagram()
    {
        var (caseId, _) = await InvitedCaseAsync();
        var page = await browser.OpenPageAsync(_host, DemoUsers.OsloOfficer);
        await page.GotoAsync($"/saker/{caseId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Skriv ut" })).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmeny" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Skriv ut" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("main-action")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("danger-zone")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Diagram over arbeidsflyten, kan rulles" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("case-header")).ToContainTextAsync("Innkalt");
        await Assertions.Expect(page.GetByTestId("diagram-current")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("meeting")).ToBeVisibleAsync();
        await TestArtifacts.ScreenshotAsync(page, "case-page-print");
    }

    // Each violation in full: the collection's own message cuts them short.
    private static void NoViolations(IReadOnlyList<string> violations) => Assert.True(violations.Count == 0, string.Join('\n', violations));

    private static ILocator Area(IPage page, string legend) => page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });

    /// <summary>Registered, on the voluntary track and invited by API, to a meeting a week ahead of the test's clock.</summary>
    private async Task<(Guid Id, DateTimeOffset Meeting)> InvitedCaseAsync()
    {
        using var api = Api();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var birthDate = OsloTime.Today(_clock.GetUtcNow()).AddYears(-14);
        var id = (await PostAsync(api, "/api/v1/cases", new
        {
            unitCode = "OSLO-SENTRUM",
            youth = new { givenName = "Ola", familyName = $"Sakside{tag}", birthDate = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), email = $"ola-{tag}@example.com", language = "nb" },
            guardians = new[] { new { name = $"Kari Sakside{tag}", email = $"kari-{tag}@example.com", address = "Storgata 1, 0184 Oslo", language = "nb", livesWithYouth = true } },
            source = "school",
            concernText = "Skolen melder om mye fravær.",
        })).GetProperty("id").GetGuid();
        await PostAsync(api, $"/api/v1/cases/{id}/choose-track", new { track = "voluntary" });
        var meeting = NextMeeting();
        await PostAsync(api, $"/api/v1/cases/{id}/invite", new { meetingStart = meeting, place = "Politihuset", officerIds = new[] { DemoUsers.OsloOfficer } });
        return (id, meeting);
    }

    /// <summary>Invited, and the conversation held once the clock has passed it: the mapping is the next step.</summary>
    private async Task<Guid> HeldCaseAsync()
    {
        var (id, meeting) = await InvitedCaseAsync();
        if (_clock.GetUtcNow() < meeting.AddMinutes(90))
        {
            _clock.SetUtcNow(meeting.AddMinutes(90).ToUniversalTime());
        }

        using var api = Api();
        await PostAsync(api, $"/api/v1/cases/{id}/record-attendance", new { youthAttended = true });
        return id;
    }

    private HttpClient Api()
    {
        var api = _host.CreateHttpClient();
        api.DefaultRequestHeaders.Add("X-Dev-User", DemoUsers.OsloOfficer);
        return api;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body, JsonSerializerOptions.Web, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>A week or more ahead of the clock, two hours after the last one the test booked: the officer is never booked twice.</summary>
    private DateTimeOffset NextMeeting()
    {
        var slot = WeekdayAtTen(_clock.GetUtcNow().AddDays(7));
        while (slot <= _lastSlot)
        {
            slot = slot.Hour < 14 ? slot.AddHours(2) : WeekdayAtTen(OsloTime.FromOsloWallClock(slot.Date.AddDays(1)));
        }

        _lastSlot = slot;
        return OsloTime.FromOsloWallClock(slot);
    }

    /// <summary>10:00 Norwegian time on the first weekday from the given instant: in working hours.</summary>
    private static DateTime WeekdayAtTen(DateTimeOffset from)
    {
        var day = OsloTime.Today(from).ToDateTime(TimeOnly.MinValue);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day.AddHours(10);
    }
}
