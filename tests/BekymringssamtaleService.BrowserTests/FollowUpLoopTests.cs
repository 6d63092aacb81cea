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
/// The follow-up loop clicked through the pages on a host whose clock the test moves, so that the follow-up
/// conversation can be booked ahead and its outcome recorded once it has started.
/// </summary>
public sealed class FollowUpLoopTests(BrowserSession browser) : IAsyncLifetime
{
    private const string LearningEnvironment = "Bedre læringsmiljø i skolen";
    private const string SchoolHealthService = "Skolehelsetjenesten og helsestasjon for ungdom";

    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    private ServiceHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await ServiceHost.StartAsync(services: services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_officer_agrees_two_measures_books_a_follow_up_conversation_records_its_outcome_and_closes_the_case()
    {
        var caseId = await OpenMappedCaseAsync();
        var page = await browser.OpenPageAsync(_host, DemoUsers.OsloOfficer);
        await page.GotoAsync($"/saker/{caseId}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Avtal tiltak" }).ClickAsync();
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await FillMeasureAsync(page, 1, "LEARNING_ENVIRONMENT", "Kontaktlærer");
        await FillMeasureAsync(page, 2, "SCHOOL_HEALTH_SERVICE", "Helsesykepleier");
        await page.Locator("#felt-dutyToInform-1").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Avtal tiltak" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Tiltak avtalt");
        await Assertions.Expect(page.GetByTestId("measure")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Link, new() { Name = "Planlegg oppfølging" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Planlegg oppfølging" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Oppfølging");

        var followUp = WeekdayAtTen(_clock.GetUtcNow().AddDays(14));
        await page.GetByRole(AriaRole.Link, new() { Name = "Book oppfølgingssamtale" }).ClickAsync();
        await page.GetByLabel("Tidspunkt").FillAsync(followUp.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Sted").FillAsync("Politihuset, Grønlandsleiret 44");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book oppfølgingssamtale" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Oppfølgingssamtale booket");
        await Assertions.Expect(page.GetByTestId("meeting")).ToContainTextAsync("Politihuset, Grønlandsleiret 44");
        await _host.Mailbox.WaitForAsync(mail => mail.Subject == "Oppfølging etter samtale med politiet" && mail.Attachments.Any(), TimeSpan.FromSeconds(30));

        // Two weeks on, the sign-in has run out: the officer signs in again to record the conversation.
        _clock.SetUtcNow(OsloTime.FromOsloWallClock(followUp).AddMinutes(60).ToUniversalTime());
        page = await browser.OpenPageAsync(_host, DemoUsers.OsloOfficer);
        await page.GotoAsync($"/saker/{caseId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer oppfølgingssamtale" }).ClickAsync();
        await page.Locator("#felt-held-0").CheckAsync();
        await page.Locator("#felt-measuresOnTrack-0").CheckAsync();
        await page.GetByLabel($"{LearningEnvironment} (Kontaktlærer)").SelectOptionAsync("started");
        await page.GetByLabel($"{SchoolHealthService} (Helsesykepleier)").SelectOptionAsync("completed");
        await page.GetByLabel("Notater").FillAsync("Trives bedre på skolen.");
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer oppfølgingssamtale" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Oppfølging");
        await Assertions.Expect(page.GetByTestId("measure").Filter(new() { HasText = LearningEnvironment })).ToContainTextAsync("Startet");
        await Assertions.Expect(page.GetByTestId("measure").Filter(new() { HasText = SchoolHealthService })).ToContainTextAsync("Fullført");
        Assert.Empty(await Accessibility.ViolationsAsync(page));

        await page.GetByRole(AriaRole.Link, new() { Name = "Avslutt saken" }).ClickAsync();
        await page.GetByLabel("Utfall").SelectOptionAsync("measuresCompleted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avslutt saken" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Avsluttet");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Oppfølgingssamtale registrert");
    }

    [Fact]
    public async Task An_officer_is_told_whose_consent_a_measure_lacks_records_it_on_the_case_and_then_agrees_the_measure()
    {
        var caseId = await OpenMappedCaseAsync();
        var page = await browser.OpenPageAsync(_host, DemoUsers.OsloOfficer);
        await page.GotoAsync($"/saker/{caseId}/agree-measures");
        await FillMeasureAsync(page, 1, "MENTOR", "Mentor i bydelen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avtal tiltak" }).ClickAsync();
        await Assertions.Expect(page.Locator("#felt-measures-0-code-error")).ToContainTextAsync("Mangler samtykke til deling med mentor fra Kari Oppfølging");

        await page.GotoAsync($"/saker/{caseId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer samtykke" }).ClickAsync();
        // The choices are the youth and then the guardian: the guardian is the second.
        await page.GetByLabel("Hvem samtykket").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await page.GetByLabel("Samtykket gjelder deling med").SelectOptionAsync("mentor");
        await page.GetByLabel("Samtykke gitt dato").FillAsync(Day(0));
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer samtykke" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("consent")).ToContainTextAsync("(foresatt): samtykke til deling med mentor");
        await Assertions.Expect(page.GetByTestId("consent-sharings")).ToContainTextAsync("Mentor: Ja");
        Assert.Empty(await Accessibility.ViolationsAsync(page));

        await page.GetByRole(AriaRole.Link, new() { Name = "Avtal tiltak" }).ClickAsync();
        await FillMeasureAsync(page, 1, "MENTOR", "Mentor i bydelen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avtal tiltak" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Tiltak avtalt");
        await Assertions.Expect(page.GetByTestId("measure")).ToContainTextAsync("Deling med mentor");
    }

    private async Task FillMeasureAsync(IPage page, int row, string code, string responsible)
    {
        var measure = page.GetByRole(AriaRole.Group, new() { Name = $"Tiltak {row}", Exact = true });
        await measure.GetByLabel("Tiltak").SelectOptionAsync(code);
        await measure.GetByLabel("Ansvarlig").FillAsync(responsible);
        await measure.GetByLabel("Startdato").FillAsync(Day(7));
        await measure.GetByLabel("Frist").FillAsync(Day(90));
    }

    private string Day(int daysAhead) =>
        OsloTime.Today(_clock.GetUtcNow()).AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Registered, invited, held and mapped by API (the pages of those steps have their own tests), on the test's clock.</summary>
    private async Task<Guid> OpenMappedCaseAsync()
    {
        using var api = _host.CreateHttpClient();
        api.DefaultRequestHeaders.Add("X-Dev-User", DemoUsers.OsloOfficer);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var birthDate = OsloTime.Today(_clock.GetUtcNow()).AddYears(-14);
        var id = (await PostAsync(api, "/api/v1/cases", new
        {
            unitCode = "OSLO-SENTRUM",
            youth = new { givenName = "Ola", familyName = $"Oppfølging{tag}", birthDate = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), email = $"ola-{tag}@example.com", language = "nb" },
            guardians = new[] { new { name = $"Kari Oppfølging{tag}", email = $"kari-{tag}@example.com", address = "Storgata 1, 0184 Oslo", language = "nb", livesWithYouth = true } },
            source = "school",
            concernText = "Skolen melder om mye fravær.",
        })).GetProperty("id").GetGuid();
        await PostAsync(api, $"/api/v1/cases/{id}/choose-track", new { track = "voluntary" });
        var meeting = OsloTime.FromOsloWallClock(WeekdayAtTen(_clock.GetUtcNow().AddDays(7)));
        await PostAsync(api, $"/api/v1/cases/{id}/invite", new { meetingStart = meeting, place = "Politihuset", officerIds = new[] { DemoUsers.OsloOfficer } });
        _clock.SetUtcNow(meeting.AddMinutes(90).ToUniversalTime());
        await PostAsync(api, $"/api/v1/cases/{id}/record-attendance", new { youthAttended = true });
        await PostAsync(api, $"/api/v1/cases/{id}/record-mapping", new
        {
            factors = new[] { new { domain = "schoolOrWork", risk = "Mye fravær", protective = "God kontakt med kontaktlærer" } },
            overallConcern = "moderate",
        });
        return id;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body, JsonSerializerOptions.Web, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
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
