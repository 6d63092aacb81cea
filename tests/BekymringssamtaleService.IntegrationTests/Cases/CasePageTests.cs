using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// The case page (/saker/{id}): its header, the mapping versions, cancelling with a confirmation, and how many database
/// round trips one view of it costs. The mapping needs the meeting to have begun, so these run on a host whose clock they move.
/// </summary>
public sealed class CasePageTests(ClockedHost clocked) : IClassFixture<ClockedHost>
{
    /// <summary>A second officer of the same unit (seeds/demo-users.json).</summary>
    private const string Colleague = "betjent-oslo-2";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_header_shows_the_step_the_next_date_the_responsible_officer_and_the_unit_by_name()
    {
        using var api = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var start = clocked.NextSlot();
        var id = await api.OpenInvitedCaseAsync(start);
        using var browser = await SignedInAsync(DemoUsers.OsloOfficer);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/saker/{id}", Token));

        var header = Between(page, "data-testid=\"case-header\"", "</header>");
        Assert.Contains("Innkalt", header, StringComparison.Ordinal);
        Assert.Contains($"Samtale: <time datetime=\"{start.ToOffset(TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture)}\">{OsloTime.Format(start)}</time>", header, StringComparison.Ordinal);
        Assert.Contains(DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName, header, StringComparison.Ordinal);
        Assert.Contains("Forebyggende seksjon sentrum", header, StringComparison.Ordinal);
        Assert.DoesNotContain("OSLO-SENTRUM", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_without_a_booked_conversation_shows_its_earliest_task_due_date_as_the_next_date()
    {
        using var api = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        var task = (await api.GetAsync(id)).OpenTasks.Single();
        using var browser = await SignedInAsync(DemoUsers.OsloOfficer);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/saker/{id}", Token));

        var nextDate = Between(page, "data-testid=\"next-date\"", "</dd>");
        Assert.Contains($"Frist: {task.Title}", nextDate, StringComparison.Ordinal);
        Assert.Contains("Klar til innkalling", Between(page, "data-testid=\"case-header\"", "</header>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_mapping_version_is_listed_newest_first_with_who_signed_it_and_what_changed()
    {
        using var api = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var id = await clocked.MappedCaseAsync(api, CaseRequests.Registration());
        using var colleague = new CaseApi(clocked.Host, Colleague);
        await colleague.StepAsync(id, "record-mapping", new
        {
            factors = new[]
            {
                new { domain = "schoolOrWork", risk = "Mye fravær", protective = (string?)"Ny kontaktlærer følger opp" },
                new { domain = "onlineLife", risk = "Mange timer på nett om natten", protective = (string?)null },
            },
            overallConcern = "high",
        });
        using var browser = await SignedInAsync(DemoUsers.OsloOfficer);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/saker/{id}", Token));

        var mappings = Between(page, "data-testid=\"mappings\"", "</section>");
        Assert.Contains("Kartlegging (2 versjoner)", mappings, StringComparison.Ordinal);
        var second = mappings.IndexOf($"Versjon 2 (gjeldende): Høy bekymring, signert", StringComparison.Ordinal);
        var first = mappings.IndexOf("Versjon 1: Moderat bekymring, signert", StringComparison.Ordinal);
        Assert.True(second >= 0 && first > second, mappings);
        Assert.Contains($"av {DemoUsers.Get(Colleague).DisplayName}", mappings[second..first], StringComparison.Ordinal);
        Assert.Contains($"av {DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName}", mappings[first..], StringComparison.Ordinal);
        Assert.Contains("Samlet vurdering endret fra moderat bekymring til høy bekymring.", mappings[second..first], StringComparison.Ordinal);
        Assert.Contains("Skole/arbeid: beskyttelsesfaktorer endret.", mappings[second..first], StringComparison.Ordinal);
        Assert.Contains("Venner og nettverk: risikofaktorer fjernet.", mappings[second..first], StringComparison.Ordinal);
        Assert.Contains("Nettliv: risikofaktorer lagt til.", mappings[second..first], StringComparison.Ordinal);
        Assert.Contains("Trener fotball to ganger i uka", mappings[first..], StringComparison.Ordinal);
        Assert.Contains("Første kartlegging.", mappings[first..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_case_on_its_page_without_confirming_saves_nothing_and_asks_for_the_confirmation()
    {
        using var api = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();
        using var browser = await SignedInAsync(DemoUsers.OsloOfficer);

        using var response = await browser.SubmitAsync($"/saker/{id}/cancel-case", new Dictionary<string, string> { ["reason"] = "Registrert ved en feil." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
        Assert.Contains("Skjemaet har feil. Ingenting er lagret.", page, StringComparison.Ordinal);
        Assert.Contains("Jeg bekrefter at saken skal avbrytes: Kryss av for å bekrefte.", page, StringComparison.Ordinal);
        var unchanged = await api.GetAsync(id);
        Assert.Equal("Registered", unchanged.State);
        Assert.DoesNotContain((await api.TimelineAsync(id)), item => item.Kind == "transition");
    }

    [Fact]
    public async Task Cancelling_a_case_on_its_page_with_the_confirmation_cancels_it()
    {
        using var api = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();
        using var browser = await SignedInAsync(DemoUsers.OsloOfficer);

        using var response = await browser.SubmitAsync(
            $"/saker/{id}/cancel-case", new Dictionary<string, string> { ["reason"] = "Registrert ved en feil.", ["confirmed"] = "true" });

        Assert.Equal((HttpStatusCode.Redirect, $"/saker/{id}"), (response.StatusCode, response.Headers.Location?.OriginalString));
        var cancelled = await api.GetAsync(id);
        Assert.Equal("Cancelled", cancelled.State);
        Assert.Empty(cancelled.PermittedActions);
    }

    [Fact]
    public async Task One_view_of_a_case_page_with_its_history_takes_few_database_round_trips()
    {
        using var api = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var id = await clocked.MappedCaseAsync(api, CaseRequests.Registration());
        await api.StepAsync(id, "record-mapping", CaseRequests.Mapping("low"));
        using var browser = await SignedInAsync(DemoUsers.OsloOfficer);
        await browser.GetStringAsync($"/saker/{id}", Token);

        var (status, commands) = await CountCommandsAsync(browser, $"/saker/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        TestContext.Current.TestOutputHelper?.WriteLine($"{commands.Count} commands:\n{string.Join('\n', commands)}");
        Assert.True(commands.Count <= MaxCommandsPerCaseView, $"{commands.Count} commands:\n{string.Join('\n', commands)}");
    }

    /// <summary>
    /// What one view of the case page costs today: the gate's look-up, the access log's rows, the case read whole (it was
    /// 33 before its reads were combined, 20 before the case was read in one statement).
    /// </summary>
    private const int MaxCommandsPerCaseView = 3;

    /// <summary>The database commands one request runs: Npgsql traces each command under the request's own trace.</summary>
    private static async Task<(HttpStatusCode Status, IReadOnlyList<string> Commands)> CountCommandsAsync(HttpClient client, string path)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == traceId)
                {
                    commands.Enqueue(activity.DisplayName + ": " + (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, Token);
        await response.Content.ReadAsStringAsync(Token);
        return (response.StatusCode, [.. commands]);
    }

    private async Task<HttpClient> SignedInAsync(string staffId)
    {
        var client = clocked.Host.CreateHttpClient();
        await client.SignInAsync(staffId);
        return client;
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' is not on the page.");
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to];
    }
}
