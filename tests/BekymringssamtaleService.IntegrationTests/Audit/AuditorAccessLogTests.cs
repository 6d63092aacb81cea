using System.Globalization;
using System.Net;
using System.Text;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Audit;

/// <summary>
/// The Auditor searches the access log by member of staff, case and period, on /revisjon/tilgangslogg and over the
/// API, and exports a search as CSV; every search and export is logged itself. Nobody else finds these addresses.
/// </summary>
public sealed class AuditorAccessLogTests(SharedHost shared)
{
    private const string Auditor = "revisor";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_auditor_finds_a_members_accesses_to_a_case_newest_first_page_by_page_with_their_name()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        await officer.GetAsync(id);
        await officer.TimelineAsync(id);
        using var lead = new CaseApi(shared.Host, "leder-oslo");
        await lead.GetAsync(id);
        using var auditor = new CaseApi(shared.Host, Auditor);

        var first = await SearchAsync(auditor, $"user={DemoUsers.OsloOfficer}&caseId={id}&limit=2");
        var second = await SearchAsync(auditor, $"user={DemoUsers.OsloOfficer}&caseId={id}&limit=2&after={first.NextCursor}");

        Assert.Equal(["read-timeline", "read"], first.Items.Select(entry => entry.Action));
        Assert.Equal(["register"], second.Items.Select(entry => entry.Action));
        Assert.Null(second.NextCursor);
        Assert.All(first.Items.Concat(second.Items), entry =>
            Assert.Equal((DemoUsers.OsloOfficer, "Kari Nordmann", id, CaseRequests.Unit, "casework"), (entry.StaffId, entry.StaffName, entry.CaseId, entry.UnitCode, entry.Purpose)));
    }

    [Fact]
    public async Task The_auditor_finds_every_access_to_one_case_within_a_period_their_own_search_first_and_nothing_outside_it()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        await officer.GetAsync(id);
        using var lead = new CaseApi(shared.Host, "leder-oslo");
        await lead.LettersAsync(id);
        using var auditor = new CaseApi(shared.Host, Auditor);
        var today = OsloTime.Today(TimeProvider.System.GetUtcNow());
        var (from, tomorrow) = (today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var withinToday = await SearchAsync(auditor, $"caseId={id}&from={from}&to={from}");
        var fromTomorrow = await SearchAsync(auditor, $"caseId={id}&from={tomorrow}");

        Assert.Equal(
            [
                (Auditor, "Marte Sand", "search-access-log"),
                ("leder-oslo", "Siri Lunde", "read-letters"),
                (DemoUsers.OsloOfficer, "Kari Nordmann", "read"),
                (DemoUsers.OsloOfficer, "Kari Nordmann", "register"),
            ],
            withinToday.Items.Select(entry => (entry.StaffId, entry.StaffName, entry.Action)));
        Assert.Empty(fromTomorrow.Items);
        Assert.Equal(
            ["search-access-log audit", "search-access-log audit"],
            await AccessLogRows.ActionsAsync(shared.Host, "case_id = @case AND staff_id = @auditor", ("case", id), ("auditor", Auditor)));
    }

    [Fact]
    public async Task The_auditor_exports_a_search_as_CSV_for_Norwegian_Excel_with_formulas_made_harmless_and_the_export_is_logged()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        await AccessLogRows.ExecuteAsync(
            shared.Host,
            "INSERT INTO access_log (at, staff_id, unit_code, case_id, action, purpose, stated_purpose) VALUES (now(), 'forebyggingskontakt-oslo', @unit, @case, 'read-coordination', 'coordination', @stated)",
            ("unit", CaseRequests.Unit), ("case", id), ("stated", "=HYPERLINK(\"http://x\";\"klikk\")"));
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(Auditor);

        using var response = await client.GetAsync($"/revisjon/tilgangslogg.csv?sak={id}", Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Tidspunkt;Ansatt-ID;Navn;Enhet;Sak;Handling;Formål;Oppgitt formål", lines[0]);
        Assert.EndsWith($";{Auditor};Marte Sand;;{id};export-access-log;Eksport;", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(
            $";forebyggingskontakt-oslo;Amir Rahimi;{CaseRequests.Unit};{id};read-coordination;Samordning med PST;\"'=HYPERLINK(\"\"http://x\"\";\"\"klikk\"\")\"",
            lines[2], StringComparison.Ordinal);
        Assert.EndsWith($";{DemoUsers.OsloOfficer};Kari Nordmann;{CaseRequests.Unit};{id};register;Saksbehandling;", lines[3], StringComparison.Ordinal);
        Assert.Equal([""], lines[4..]);
        Assert.Equal(["export-access-log export"], await AccessLogRows.ActionsAsync(shared.Host, "case_id = @case AND staff_id = @auditor", ("case", id), ("auditor", Auditor)));
    }

    [Fact]
    public async Task The_auditors_page_shows_the_search_with_names_and_Norwegian_purposes_and_links_the_same_search_as_CSV()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(Auditor);

        var start = await client.GetStringAsync("/", Token);
        var page = await client.GetStringAsync($"/revisjon/tilgangslogg?sak={id}", Token);

        Assert.Contains("href=\"/revisjon/tilgangslogg\"", start, StringComparison.Ordinal);
        Assert.Contains("<td>Kari Nordmann (betjent-oslo)</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>register</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Saksbehandling</td>", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/revisjon/tilgangslogg.csv?sak={id}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_with_a_period_ending_before_it_begins_shows_Norwegian_form_errors_and_searches_nothing()
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(Auditor);
        var caseId = Guid.NewGuid();

        var page = await client.GetStringAsync($"/revisjon/tilgangslogg?sak={caseId}&fra=2026-12-05&til=2026-12-01", Token);

        Assert.Contains("Til-datoen kan ikke være før fra-datoen.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"access-log\"", page, StringComparison.Ordinal);
        Assert.Empty(await AccessLogRows.ActionsAsync(shared.Host, "case_id = @case", ("case", caseId)));
    }

    [Theory]
    [InlineData("from=2026-12-05&to=2026-12-01", "to", "Til-datoen kan ikke være før fra-datoen.")]
    [InlineData("from=2026-13-01", "from", "Skriv datoen som åååå-mm-dd, for eksempel 2026-12-01.")]
    [InlineData("to=0001-01-01", "to", "Datoen må være mellom år 1900 og 2100.")]
    [InlineData("caseId=BS-12", "caseId", "Sakens ID er ikke gyldig (for eksempel 3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f).")]
    [InlineData("after=i-morgen", "after", "Verdien er ikke en markør fra forrige side (nextCursor).")]
    public async Task A_search_the_API_cannot_read_is_a_400_naming_the_parameter(string query, string field, string message)
    {
        using var auditor = new CaseApi(shared.Host, Auditor);

        using var response = await auditor.GetResponseAsync($"/api/v1/access-log?{query}");

        Assert.Equal([message], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For(field));
    }

    [Theory]
    [InlineData(DemoUsers.OsloOfficer)]
    [InlineData("leder-oslo")]
    [InlineData("forebyggingskontakt-oslo")]
    [InlineData(DemoUsers.Administrator)]
    public async Task Nobody_but_the_auditor_finds_the_access_log_on_the_API_or_the_pages_nor_a_link_to_it(string staffId)
    {
        using var api = new CaseApi(shared.Host, staffId);
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(staffId);

        using var apiResponse = await api.GetResponseAsync("/api/v1/access-log");
        using var pageResponse = await client.GetAsync("/revisjon/tilgangslogg", Token);
        using var csvResponse = await client.GetAsync("/revisjon/tilgangslogg.csv", Token);
        var start = await client.GetStringAsync("/", Token);

        Assert.Equal("Adressen finnes ikke i API-et.", (await CaseApi.ProblemAsync(apiResponse, HttpStatusCode.NotFound)).Detail);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (pageResponse.StatusCode, csvResponse.StatusCode));
        Assert.DoesNotContain("/revisjon/tilgangslogg", start, StringComparison.Ordinal);
    }

    private static async Task<EntryPage> SearchAsync(CaseApi auditor, string query)
    {
        using var response = await auditor.GetResponseAsync($"/api/v1/access-log?{query}");
        return await CaseApi.ReadAsync<EntryPage>(response, HttpStatusCode.OK);
    }

    private sealed record Entry(long Id, DateTimeOffset At, string StaffId, string? StaffName, string? UnitCode, Guid? CaseId, string Action, string Purpose, string? StatedPurpose);

    private sealed record EntryPage(List<Entry> Items, string? NextCursor);
}
