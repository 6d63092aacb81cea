using System.Globalization;
using System.Net;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// Rooms and interpreters booked with a conversation: clashes named and refused with nothing saved, one of two
/// bookings of a room at once, the free times a booking form shows, the officers' calendar mail and the week calendar.
/// Each test books on a week of its own, far from the slots other tests take.
/// </summary>
public sealed class CalendarBookingTests(SharedHost shared)
{
    private const string SecondOfficer = "betjent-oslo-2";
    private const string OfficerLead = "leder-betjent-oslo";
    private const string RoomOne = "Samtalerom 1 (Grønland)";
    private const string RoomTwo = "Samtalerom 2 (Grønland)";
    private const string Interpreter = "Samira Nasser (arabisk)";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_room_booked_at_an_overlapping_time_is_refused_by_name_and_nothing_is_saved()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var start = Tuesday(0).AddHours(10);
        var room = await ResourceAsync(RoomOne);
        var first = await ReadyToInviteAsync(api);
        var second = await ReadyToInviteAsync(api);
        Assert.Equal("Invited", await api.StepAsync(first, "invite", Invitation(start, DemoUsers.OsloOfficer, room: room)));

        using var response = await api.TryStepAsync(second, "invite", Invitation(start.AddMinutes(30), SecondOfficer, room: room));

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([$"Rommet {RoomOne} er allerede booket til en samtale som overlapper dette tidspunktet."], problem.For("roomId"));
        var refused = await api.GetAsync(second);
        Assert.Equal("ReadyToInvite", refused.State);
        Assert.Null(refused.Meeting);
    }

    [Fact]
    public async Task An_interpreter_booked_at_an_overlapping_time_is_refused_by_name_and_nothing_is_saved()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var start = Tuesday(1).AddHours(9);
        var interpreter = await ResourceAsync(Interpreter);
        var first = await ReadyToInviteAsync(api);
        var second = await ReadyToInviteAsync(api);
        await api.StepAsync(first, "invite", Invitation(start, DemoUsers.OsloOfficer, interpreter: interpreter));

        using var response = await api.TryStepAsync(second, "invite", Invitation(start.AddMinutes(-30), SecondOfficer, interpreter: interpreter));

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([$"Tolken {Interpreter} er allerede booket til en samtale som overlapper dette tidspunktet."], problem.For("interpreterId"));
        Assert.Null((await api.GetAsync(second)).Meeting);
    }

    [Fact]
    public async Task Of_two_bookings_of_one_room_at_the_same_moment_one_wins_and_the_other_is_told_the_room_is_taken()
    {
        using var first = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var second = new CaseApi(shared.Host, SecondOfficer);
        var start = Tuesday(2).AddHours(11);
        var room = await ResourceAsync(RoomTwo);
        var cases = new[] { await ReadyToInviteAsync(first), await ReadyToInviteAsync(first) };

        var responses = await Task.WhenAll(
            first.TryStepAsync(cases[0], "invite", Invitation(start, DemoUsers.OsloOfficer, room: room)),
            second.TryStepAsync(cases[1], "invite", Invitation(start, SecondOfficer, room: room)));

        try
        {
            Assert.Single(responses, response => response.IsSuccessStatusCode);
            var loser = Assert.Single(responses, response => !response.IsSuccessStatusCode);
            Assert.Equal(
                [$"Rommet {RoomTwo} er allerede booket til en samtale som overlapper dette tidspunktet."],
                (await CaseApi.ProblemAsync(loser, HttpStatusCode.BadRequest)).For("roomId"));
            Assert.Equal(1, await ScalarAsync($"SELECT count(*)::int FROM meetings WHERE room_id = '{room}' AND status = 'Booked' AND starts_at = @at", start));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_booking_form_shows_the_days_free_times_within_working_hours_without_the_booked_ones()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var day = Tuesday(3);
        var room = await ResourceAsync(RoomOne);
        var inRoom = await ReadyToInviteAsync(api);
        var officersOwn = await ReadyToInviteAsync(api);
        var toBook = await ReadyToInviteAsync(api);
        await api.StepAsync(inRoom, "invite", Invitation(day.AddHours(10), SecondOfficer, room: room));
        await api.StepAsync(officersOwn, "invite", Invitation(day.AddHours(13), DemoUsers.OsloOfficer));
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        using var response = await client.SubmitAsync($"/saker/{toBook}/invite", new Dictionary<string, string>
        {
            ["visLedigeTider"] = "1",
            ["ledigeTiderDato"] = DateOnly.FromDateTime(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["roomId"] = room.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
        Assert.Contains("Enhetens arbeidstid: mandag–fredag 08:00–16:00.", page, StringComparison.Ordinal);
        Assert.Contains($"Ledig tirsdag {day:dd.MM.yyyy}", page, StringComparison.Ordinal);
        Assert.Contains($"For {DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName}, {RoomOne}.", page, StringComparison.Ordinal);
        Assert.Equal(["08:00–10:00", "11:00–13:00", "14:00–16:00"], FreeTimes(page));
        Assert.Equal("ReadyToInvite", (await api.GetAsync(toBook)).State);
    }

    [Fact]
    public async Task A_Saturday_has_no_free_times()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        using var response = await client.SubmitAsync($"/saker/{id}/invite", new Dictionary<string, string>
        {
            ["visLedigeTider"] = "1",
            ["ledigeTiderDato"] = DateOnly.FromDateTime(Tuesday(3).AddDays(4)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });

        var page = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("Ingen ledige tider denne dagen.", page, StringComparison.Ordinal);
        Assert.Empty(FreeTimes(page));
    }

    [Fact]
    public async Task The_officers_of_a_meeting_get_its_calendar_entry_when_it_is_booked_and_when_it_is_called_off()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);
        var caseNumber = (await api.GetAsync(id)).CaseNumber;
        var officer = DemoUsers.Get(OfficerLead);
        bool ForThisCase(MimeKit.MimeMessage mail) => mail.IsTo([officer.Email]) && (mail.TextBody ?? "").Contains($"sak {caseNumber}", StringComparison.Ordinal);

        await api.StepAsync(id, "invite", Invitation(Tuesday(4).AddHours(12), OfficerLead));
        var booked = Assert.Single(await Mail.WaitForAsync(shared.Host, ForThisCase, 1));
        await api.StepAsync(id, "cancel", new { reason = "Familien ba om en ny tid." });
        var mails = await Mail.WaitForAsync(shared.Host, ForThisCase, 2);

        Assert.Equal("Bekymringssamtale: kalenderoppføring", booked.Subject);
        Assert.Equal("REQUEST", booked.Calendar().Method);
        var cancelled = Assert.Single(mails, mail => mail.MessageId != booked.MessageId);
        Assert.Equal("CANCEL", cancelled.Calendar().Method);
        Assert.Equal(booked.Calendar().Events.Single().Uid, cancelled.Calendar().Events.Single().Uid);
        Assert.DoesNotContain(caseNumber, cancelled.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_shows_the_weeks_meetings_of_the_users_units_per_officer_and_per_room()
    {
        using var oslo = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var vest = new CaseApi(shared.Host, "betjent-vest");
        var day = Tuesday(5);
        var room = await ResourceAsync(RoomTwo);
        var withRoom = await ReadyToInviteAsync(oslo);
        var withoutRoom = await ReadyToInviteAsync(oslo);
        await oslo.StepAsync(withRoom, "invite", Invitation(day.AddHours(9), SecondOfficer, room: room));
        await oslo.StepAsync(withoutRoom, "invite", Invitation(day.AddDays(1).AddHours(9), OfficerLead));
        var registration = CaseRequests.Registration();
        registration["unitCode"] = "VEST-BERGEN";
        var otherUnit = await vest.RegisterAsync(registration);
        await vest.StepAsync(otherUnit, "choose-track", new { track = "voluntary" });
        await vest.StepAsync(otherUnit, "invite", Invitation(day.AddHours(9), "betjent-vest"));
        var numbers = new Dictionary<Guid, string>();
        foreach (var id in new[] { withRoom, withoutRoom })
        {
            numbers[id] = (await oslo.GetAsync(id)).CaseNumber;
        }

        var otherNumber = (await vest.GetAsync(otherUnit)).CaseNumber;
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);
        var week = DateOnly.FromDateTime(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var all = WebUtility.HtmlDecode(await client.GetStringAsync($"/kalender?uke={week}", Token));
        var perRoom = WebUtility.HtmlDecode(await client.GetStringAsync($"/kalender?uke={week}&rom={room}", Token));
        var perOfficer = WebUtility.HtmlDecode(await client.GetStringAsync($"/kalender?uke={week}&betjent={OfficerLead}", Token));

        Assert.Contains($"{DateOnly.FromDateTime(day).AddDays(-1):dd.MM.yyyy}–{DateOnly.FromDateTime(day).AddDays(5):dd.MM.yyyy}", all, StringComparison.Ordinal);
        Assert.Contains($"tirsdag {day:dd.MM.yyyy}", all, StringComparison.Ordinal);
        Assert.Contains($"Sak {numbers[withRoom]}", all, StringComparison.Ordinal);
        Assert.Contains($"Sak {numbers[withoutRoom]}", all, StringComparison.Ordinal);
        Assert.Contains(RoomTwo, all, StringComparison.Ordinal);
        Assert.Contains(DemoUsers.Get(SecondOfficer).DisplayName, all, StringComparison.Ordinal);
        Assert.DoesNotContain(otherNumber, all, StringComparison.Ordinal);
        Assert.Contains($"Sak {numbers[withRoom]}", perRoom, StringComparison.Ordinal);
        Assert.DoesNotContain($"Sak {numbers[withoutRoom]}", perRoom, StringComparison.Ordinal);
        Assert.Contains($"Sak {numbers[withoutRoom]}", perOfficer, StringComparison.Ordinal);
        Assert.DoesNotContain($"Sak {numbers[withRoom]}", perOfficer, StringComparison.Ordinal);
    }

    /// <summary>A Tuesday 10+ weeks ahead at midnight, Norwegian time, one week later for each <paramref name="week"/>.</summary>
    private static DateTime Tuesday(int week)
    {
        var day = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddDays(70 + (7 * week));
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        return day.ToDateTime(TimeOnly.MinValue);
    }

    private static object Invitation(DateTime osloStart, string officer, Guid? room = null, Guid? interpreter = null) => new
    {
        meetingStart = OsloTime.FromOsloWallClock(osloStart),
        durationMinutes = 60,
        place = "Oslo politihus, Grønlandsleiret 44",
        officerIds = new[] { officer },
        roomId = room,
        interpreterId = interpreter,
    };

    private static List<string> FreeTimes(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(
                page.Split("data-testid=\"free-time-list\"") is [_, var list, ..] ? list.Split("</ul>")[0] : "", "<li>([^<]*)</li>")
            .Select(match => match.Groups[1].Value)];

    private static async Task<Guid> ReadyToInviteAsync(CaseApi api)
    {
        var id = await api.RegisterAsync();
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        return id;
    }

    private async Task<Guid> ResourceAsync(string name)
    {
        await using var connection = new NpgsqlConnection(shared.Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT id FROM bookable_resources WHERE unit_code = 'OSLO-SENTRUM' AND name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (Guid)(await command.ExecuteScalarAsync(Token))!;
    }

    private async Task<int> ScalarAsync(string sql, DateTime osloAt)
    {
        await using var connection = new NpgsqlConnection(shared.Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("at", OsloTime.FromOsloWallClock(osloAt).ToUniversalTime());
        return (int)(await command.ExecuteScalarAsync(Token))!;
    }
}
