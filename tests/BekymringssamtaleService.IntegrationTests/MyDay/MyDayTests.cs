using System.Net;
using System.Text.RegularExpressions;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.IntegrationTests.Audit;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using Npgsql;
using Microsoft.Extensions.Time.Testing;

namespace BekymringssamtaleService.IntegrationTests.MyDay;

/// <summary>
/// Min dag's lists on the real workflow, on a host of its own whose clock the tests move. The cases are registered by
/// the second Oslo officer, whose day the demo data leaves empty.
/// </summary>
public sealed partial class MyDayTests : IAsyncLifetime
{
    private const string Officer = "betjent-oslo-2";
    private const string Lead = "leder-oslo";
    private const string LeadOfAnotherUnit = "leder-vest";
    private const string OrderReason = "Grunn til å tro at ungdommen har begått skadeverk.";
    private const string Room = "Samtalerom 1 (Grønland)";
    private const string Place = "Oslo politihus, Grønlandsleiret 44";

    private readonly ClockedHost _clocked = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ServiceHost Host => _clocked.Host;

    private FakeTimeProvider Clock => _clocked.Clock;

    public ValueTask InitializeAsync() => _clocked.InitializeAsync();

    public ValueTask DisposeAsync() => _clocked.DisposeAsync();

    [Fact]
    public async Task A_registered_case_with_no_task_and_no_meeting_is_listed_without_next_step_until_choosing_a_track_gives_it_a_task()
    {
        using var officer = new CaseApi(Host, Officer);
        var caseId = await officer.RegisterAsync();
        var caseNumber = (await officer.GetAsync(caseId)).CaseNumber;

        var registered = await PageAsync(Officer, "/");
        await officer.StepAsync(caseId, "choose-track", new { track = "voluntary" });
        var trackChosen = await PageAsync(Officer, "/");

        Assert.Contains(caseNumber, Section(registered, "cases-without-next-step"), StringComparison.Ordinal);
        Assert.Contains("Registrert", Section(registered, "cases-without-next-step"), StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, Section(trackChosen, "cases-without-next-step"), StringComparison.Ordinal);
        Assert.Contains(caseNumber, Section(trackChosen, "my-tasks"), StringComparison.Ordinal);
        Assert.Contains("Book tid og send innkalling", Section(trackChosen, "my-tasks"), StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, await PageAsync(DemoUsers.OsloOfficer, "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_shows_to_the_Leads_of_the_unit_the_moment_it_is_asked_and_leaves_when_decided()
    {
        using var officer = new CaseApi(Host, Officer);
        using var lead = new CaseApi(Host, Lead);
        var caseId = await officer.RegisterAsync(CaseRequests.Registration("24123456"));
        var caseNumber = (await officer.GetAsync(caseId)).CaseNumber;

        await officer.StepAsync(caseId, "choose-track", new { track = "attendanceOrder", reason = OrderReason });
        var asked = await PageAsync(Lead, "/");
        var otherUnit = await PageAsync(LeadOfAnotherUnit, "/");
        await lead.StepAsync(caseId, "approve-track", new { approve = true });
        var decided = await PageAsync(Lead, "/");

        Assert.Contains(caseNumber, Section(asked, "approvals"), StringComparison.Ordinal);
        Assert.Contains("Godkjenn eller avslå pålegg om oppmøte", Section(asked, "approvals"), StringComparison.Ordinal);
        Assert.Contains("Forebyggende seksjon sentrum", Section(asked, "approvals"), StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, Section(asked, "escalated-tasks"), StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, otherUnit, StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, Section(decided, "approvals"), StringComparison.Ordinal);
        Assert.Contains("list-approvals approval", await AccessLogRows.ActionsAsync(Host, "staff_id = @lead", ("lead", Lead)));
    }

    [Fact]
    public async Task An_overdue_task_comes_first_in_the_officers_tasks_and_is_marked_overdue()
    {
        using var officer = new CaseApi(Host, Officer);
        var early = await officer.RegisterAsync();
        await officer.StepAsync(early, "choose-track", new { track = "voluntary" });
        Clock.Advance(TimeSpan.FromDays(3));
        var later = await officer.RegisterAsync();
        await officer.StepAsync(later, "choose-track", new { track = "voluntary" });
        var earlyNumber = (await officer.GetAsync(early)).CaseNumber;
        var laterNumber = (await officer.GetAsync(later)).CaseNumber;

        // The early case's booking task (due in 7 days) is overdue; the later one's is not.
        Clock.Advance(TimeSpan.FromDays(5));
        var tasks = Section(await PageAsync(Officer, "/"), "my-tasks");

        var rows = RowPattern().Matches(tasks).Select(match => match.Value).ToList();
        var earlyRow = rows.FindIndex(row => row.Contains(earlyNumber, StringComparison.Ordinal));
        var laterRow = rows.FindIndex(row => row.Contains(laterNumber, StringComparison.Ordinal));
        Assert.True(earlyRow >= 0 && laterRow > earlyRow, $"Rows: {earlyRow} (overdue) and {laterRow}");
        Assert.Contains("Forfalt for", rows[earlyRow], StringComparison.Ordinal);
        Assert.DoesNotContain("Forfalt for", rows[laterRow], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_with_a_booked_room_shows_the_rooms_name_and_one_without_a_room_its_place()
    {
        using var officer = new CaseApi(Host, Officer);
        var tuesday = OsloTime.Today(Clock.GetUtcNow()).AddDays(8);
        while (tuesday.DayOfWeek != DayOfWeek.Tuesday)
        {
            tuesday = tuesday.AddDays(1);
        }

        var inRoom = await ReadyToInviteAsync(officer);
        var withoutRoom = await ReadyToInviteAsync(officer);
        await officer.StepAsync(inRoom, "invite", Invitation(tuesday.ToDateTime(new TimeOnly(10, 0)), await RoomAsync(Room)));
        await officer.StepAsync(withoutRoom, "invite", Invitation(tuesday.AddDays(2).ToDateTime(new TimeOnly(10, 0)), room: null));
        var inRoomNumber = (await officer.GetAsync(inRoom)).CaseNumber;
        var withoutRoomNumber = (await officer.GetAsync(withoutRoom)).CaseNumber;

        Clock.SetUtcNow(OsloTime.FromOsloWallClock(tuesday.ToDateTime(new TimeOnly(7, 0))).ToUniversalTime());
        var conversations = WebUtility.HtmlDecode(Section(await PageAsync(Officer, "/"), "my-conversations"));

        var (today, laterThisWeek) = RowGroupPattern().Matches(conversations) is [var first, var second] ? (first.Value, second.Value) : ("", "");
        var roomRow = RowPattern().Matches(today).Select(match => match.Value).Single(row => row.Contains(inRoomNumber, StringComparison.Ordinal));
        var placeRow = RowPattern().Matches(laterThisWeek).Select(match => match.Value).Single(row => row.Contains(withoutRoomNumber, StringComparison.Ordinal));
        Assert.Contains($"<td>{Room}</td>", roomRow, StringComparison.Ordinal);
        Assert.DoesNotContain(Place, roomRow, StringComparison.Ordinal);
        Assert.Contains($"<td>{Place}</td>", placeRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Lead_sees_each_officers_load_by_name_in_their_units()
    {
        using var officer = new CaseApi(Host, Officer);
        await officer.RegisterAsync();

        var load = Section(await PageAsync(Lead, "/"), "officer-load");
        var jonas = RowPattern().Matches(load).Select(match => match.Value).Single(row => row.Contains("Jonas Berg", StringComparison.Ordinal));

        Assert.Contains("Kari Nordmann", load, StringComparison.Ordinal);
        Assert.DoesNotContain("Ingrid Haugland", load, StringComparison.Ordinal);
        Assert.Matches("<td class=\"myday-number\">[1-9][0-9]*</td>", jonas);
    }

    [Fact]
    public async Task Statistics_hide_every_count_under_five_and_a_second_count_where_the_total_would_give_the_small_one_away()
    {
        // A month of its own, ahead of the demo data: only these cases were registered in it.
        var month = OsloTime.Today(Clock.GetUtcNow()).AddMonths(3);
        var firstOfMonth = new DateOnly(month.Year, month.Month, 1);
        Clock.SetUtcNow(OsloTime.FromOsloWallClock(firstOfMonth.ToDateTime(new TimeOnly(10, 0))).ToUniversalTime());
        using var officer = new CaseApi(Host, Officer);
        for (var i = 0; i < 7; i++)
        {
            var registration = CaseRequests.Registration();
            registration["unitCode"] = "OSLO-OST";
            var id = await officer.RegisterAsync(registration);
            if (i < 6)
            {
                await officer.StepAsync(id, "choose-track", new { track = "voluntary" });
            }
        }

        var query = $"enhet=OSLO-OST&fra={firstOfMonth.AddMonths(-1):yyyy-MM}&til={firstOfMonth:yyyy-MM}";
        var page = await PageAsync(Lead, "/statistikk?" + query);
        var csv = await PageAsync(Lead, "/statistikk.csv?" + query);

        var months = Section(page, "per-maned");
        Assert.Equal(["&lt;5", "skjult"], CellPattern().Matches(RowsOf(months, "tbody")).Select(m => m.Groups["text"].Value));
        Assert.Contains(">7</td>", RowsOf(months, "tfoot"), StringComparison.Ordinal);
        var tracks = Section(page, "etter-spor");
        Assert.Equal(["6", "&lt;5", "&lt;5"], CellPattern().Matches(RowsOf(tracks, "tbody")).Select(m => m.Groups["text"].Value));
        Assert.DoesNotContain(">1</td>", tracks, StringComparison.Ordinal);
        Assert.Contains("Etter spor;Frivillig innkalling;6", csv, StringComparison.Ordinal);
        Assert.Contains("Etter spor;Spor ikke valgt;<5", csv, StringComparison.Ordinal);
        Assert.Contains("Saker opprettet per måned;I alt;7", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(";1\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(
            ["read-statistics statistics", "export-statistics statistics"],
            await AccessLogRows.ActionsAsync(Host, "staff_id = @lead AND purpose = 'statistics'", ("lead", Lead)));
    }

    [Fact]
    public async Task Statistics_of_a_unit_that_is_not_the_Leads_or_of_a_backwards_range_are_refused_with_a_Norwegian_error()
    {
        using var client = Host.CreateHttpClient();
        await client.SignInAsync(LeadOfAnotherUnit);

        using var otherUnit = await client.GetAsync("/statistikk?enhet=OSLO-OST", Token);
        using var backwards = await client.GetAsync("/statistikk?fra=2026-05&til=2026-01", Token);
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var refused = await officer.GetResponseAsync("/statistikk");

        Assert.Equal(HttpStatusCode.BadRequest, otherUnit.StatusCode);
        Assert.Contains("Velg en av enhetene dine.", await otherUnit.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("Til og med måned kan ikke være før fra måned.", await backwards.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Empty(await AccessLogRows.ActionsAsync(Host, "staff_id = @lead AND purpose = 'statistics'", ("lead", LeadOfAnotherUnit)));
    }

    private static async Task<Guid> ReadyToInviteAsync(CaseApi officer)
    {
        var id = await officer.RegisterAsync();
        await officer.StepAsync(id, "choose-track", new { track = "voluntary" });
        return id;
    }

    private static object Invitation(DateTime osloStart, Guid? room) => new
    {
        meetingStart = OsloTime.FromOsloWallClock(osloStart),
        durationMinutes = 60,
        place = Place,
        officerIds = new[] { Officer },
        roomId = room,
    };

    private async Task<Guid> RoomAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT id FROM bookable_resources WHERE unit_code = 'OSLO-SENTRUM' AND name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (Guid)(await command.ExecuteScalarAsync(Token))!;
    }

    private async Task<string> PageAsync(string staffId, string path)
    {
        using var client = Host.CreateHttpClient();
        await client.SignInAsync(staffId);
        return await client.GetStringAsync(path, Token);
    }

    /// <summary>The HTML of the page's section with the test id; empty when the page has no such section.</summary>
    private static string Section(string page, string testId) =>
        SectionPattern().Matches(page).SingleOrDefault(match => match.Groups["id"].Value == testId)?.Value ?? "";

    private static string RowsOf(string section, string part) =>
        Regex.Match(section, $"<{part}>.*?</{part}>", RegexOptions.Singleline).Value;

    [GeneratedRegex("<section[^>]*data-testid=\"(?<id>[^\"]+)\"[^>]*>.*?</section>", RegexOptions.Singleline)]
    private static partial Regex SectionPattern();

    [GeneratedRegex("<tr[^>]*>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<tbody>.*?</tbody>", RegexOptions.Singleline)]
    private static partial Regex RowGroupPattern();

    [GeneratedRegex("<td class=\"stats-number\"[^>]*>(?<text>[^<]*)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();
}
