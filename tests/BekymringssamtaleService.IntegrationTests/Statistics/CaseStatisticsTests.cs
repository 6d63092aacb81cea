using System.Globalization;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Statistics;

/// <summary>
/// Statistikk reads one row per case that the database keeps as the case, its workflow instance and its meetings change
/// (migration CaseStatistics). These tests take real steps on a host of their own, in a month of their own ahead of the
/// demo data, and read the figures right after: no refresh, nothing to wait for.
/// </summary>
public sealed class CaseStatisticsTests : IAsyncLifetime
{
    private const string Officer = "betjent-oslo-2";
    private const string Lead = "leder-oslo";
    private const string Unit = "OSLO-OST";

    private readonly ClockedHost _clocked = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _clocked.InitializeAsync();

    public ValueTask DisposeAsync() => _clocked.DisposeAsync();

    [Fact]
    public async Task Conversations_held_and_missed_and_the_outcomes_of_closing_count_in_the_statistics_as_soon_as_they_are_recorded()
    {
        var month = MonthOfItsOwn();
        var registeredAt = _clocked.Clock.GetUtcNow();
        using var officer = new CaseApi(_clocked.Host, Officer);
        var cases = new List<(Guid Id, DateTimeOffset Meeting)>();
        for (var i = 0; i < 10; i++)
        {
            var id = await officer.RegisterAsync(Registration());
            await officer.StepAsync(id, "choose-track", new { track = "voluntary" });
            var meeting = _clocked.NextSlot();
            await officer.StepAsync(id, "invite", CaseRequests.Invitation(meeting, Officer));
            cases.Add((id, meeting));
        }

        // The first five come, the other five do not; each is closed once its conversation is recorded.
        foreach (var (index, (id, meeting)) in cases.Index())
        {
            await _clocked.MoveClockToAsync(meeting);
            var came = index < 5;
            await officer.StepAsync(id, "record-attendance", new { youthAttended = came });
            await officer.StepAsync(id, "close", new { outcome = came ? "noFurtherConcern" : "declinedByFamily" });
        }

        var csv = await CsvAsync(month);

        var daysToConversation = cases.Take(5).Select(c => (c.Meeting - registeredAt).TotalDays).Order().ElementAt(2);
        var norwegian = CultureInfo.GetCultureInfo("nb-NO");
        Assert.Contains(";Samtaler;Saker med gjennomført samtale;5\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($";Samtaler;Median dager fra registrering til samtale;{daysToConversation.ToString("0.0", norwegian)} dager\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($";Samtaler;Andel samtaler med oppmøte;{0.5.ToString("P0", norwegian)}\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(";Oppmøte;Møtte;5\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(";Oppmøte;Møtte ikke;5\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(";Utfall;Ingen videre bekymring;5\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(";Utfall;Familien takket nei;5\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(";Utfall;Ikke avsluttet;<5\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(";Etter spor;Frivillig innkalling;10\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(";Etter kilde;Skole;10\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_cases_statistics_row_is_what_its_case_instance_and_meetings_count_after_each_kind_of_step()
    {
        MonthOfItsOwn();
        using var officer = new CaseApi(_clocked.Host, Officer);
        var registered = await officer.RegisterAsync(Registration());
        var paused = await officer.RegisterAsync(Registration());
        await officer.StepAsync(paused, "pause", new { reason = "Familien er bortreist." });
        var cancelled = await officer.RegisterAsync(Registration());
        await officer.StepAsync(cancelled, "cancel-case", new { reason = "Registrert ved en feil." });
        var rescheduled = await officer.RegisterAsync(Registration());
        await officer.StepAsync(rescheduled, "choose-track", new { track = "voluntary" });
        await officer.StepAsync(rescheduled, "invite", CaseRequests.Invitation(_clocked.NextSlot(), Officer));
        await officer.StepAsync(rescheduled, "reschedule", new { meetingStart = _clocked.NextSlot(), durationMinutes = 60, place = "Politihuset, møterom 2" });
        var missedThenHeld = await officer.RegisterAsync(Registration());
        await officer.StepAsync(missedThenHeld, "choose-track", new { track = "voluntary" });
        var missed = _clocked.NextSlot();
        await officer.StepAsync(missedThenHeld, "invite", CaseRequests.Invitation(missed, Officer));
        await _clocked.MoveClockToAsync(missed);
        await officer.StepAsync(missedThenHeld, "record-attendance", new { youthAttended = false });
        await officer.StepAsync(missedThenHeld, "invite-again");
        var held = _clocked.NextSlot();
        await officer.StepAsync(missedThenHeld, "invite", CaseRequests.Invitation(held, Officer));
        await _clocked.MoveClockToAsync(held);
        await officer.StepAsync(missedThenHeld, "record-attendance", new { youthAttended = true });
        await officer.StepAsync(missedThenHeld, "close", new { outcome = "measuresCompleted" });

        var differences = await QueryAsync(
            """
            SELECT format('only kept: %s', k) FROM (SELECT * FROM case_statistics EXCEPT SELECT * FROM case_statistics_recounted) k
            UNION ALL SELECT format('only recounted: %s', r) FROM (SELECT * FROM case_statistics_recounted EXCEPT SELECT * FROM case_statistics) r
            """);

        Assert.Empty(differences);
        Assert.Equal([" open 0 0 f"], await RowOfAsync(registered));
        Assert.Equal([" open 0 0 f"], await RowOfAsync(paused));
        Assert.Equal([" cancelled 0 0 f"], await RowOfAsync(cancelled));
        Assert.Equal(["voluntary open 0 0 f"], await RowOfAsync(rescheduled));
        Assert.Equal(["voluntary measuresCompleted 1 1 t"], await RowOfAsync(missedThenHeld));
    }

    /// <summary>
    /// Sets the clock to 10:20 on the first of a month three months ahead, which only this test's cases are registered in
    /// (20 past: days from then to a meeting on the hour are never halfway between two tenths).
    /// </summary>
    private DateOnly MonthOfItsOwn()
    {
        var month = OsloTime.Today(_clocked.Clock.GetUtcNow()).AddMonths(3);
        var first = new DateOnly(month.Year, month.Month, 1);
        _clocked.Clock.SetUtcNow(OsloTime.FromOsloWallClock(first.ToDateTime(new TimeOnly(10, 20))).ToUniversalTime());
        return first;
    }

    private static JsonObject Registration()
    {
        var registration = CaseRequests.Registration();
        registration["unitCode"] = Unit;
        return registration;
    }

    private async Task<string> CsvAsync(DateOnly month)
    {
        using var client = _clocked.Host.CreateHttpClient();
        await client.SignInAsync(Lead);
        return await client.GetStringAsync($"/statistikk.csv?enhet={Unit}&fra={month:yyyy-MM}&til={month:yyyy-MM}", Token);
    }

    /// <summary>The case's statistics row as "track outcome held missed has-days-to-conversation".</summary>
    private Task<List<string>> RowOfAsync(Guid caseId) => QueryAsync(
        "SELECT format('%s %s %s %s %s', track, outcome, held, missed, days_to_conversation IS NOT NULL) FROM case_statistics WHERE case_id = @id",
        ("id", caseId));

    private Task<List<string>> QueryAsync(string sql, params (string Name, object Value)[] parameters) =>
        DatabaseTexts.OfAsync(_clocked.Host, sql, parameters);
}
