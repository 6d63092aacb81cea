using System.Globalization;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.UnitTests.Workflows;

public sealed class TimerCalendarTests
{
    private static readonly TimerCalendar Oslo = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"), new TimeOnly(21, 0), new TimeOnly(8, 0));
    private static readonly TimerDefinition FamilyReminder = new("reminder", TimerDefinition.StateEntered, TimeSpan.Zero, "Remind", null, QuietHours: true);
    private static readonly TimerDefinition OfficerReminder = new("officer", TimerDefinition.StateEntered, TimeSpan.Zero, "Remind", null, WorkingDaysOnly: true);

    [Theory]
    [InlineData("2026-12-07T06:00:00Z", "2026-12-07T07:00:00Z")] // 07:00 in winter: waits until 08:00
    [InlineData("2026-12-07T21:30:00Z", "2026-12-08T07:00:00Z")] // 22:30: until 08:00 the next morning
    [InlineData("2026-12-07T19:59:00Z", "2026-12-07T19:59:00Z")] // 20:59: before the window
    [InlineData("2026-12-07T07:00:00Z", "2026-12-07T07:00:00Z")] // 08:00 exactly: the window has ended
    [InlineData("2026-06-09T05:30:00Z", "2026-06-09T06:00:00Z")] // 07:30 in summer (UTC+2): until 08:00
    [InlineData("2026-03-28T06:00:00Z", "2026-03-28T07:00:00Z")] // the Saturday before the spring change, still UTC+1
    [InlineData("2026-03-29T05:30:00Z", "2026-03-29T06:00:00Z")] // the day of the spring change, UTC+2 from 03:00
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25T07:00:00Z")] // 02:30 the first time, on the autumn change: until 08:00 UTC+1
    public void A_family_reminder_due_in_the_night_waits_for_eight_in_the_morning_Norwegian_time(string due, string expected) =>
        Assert.Equal(Instant(expected), Oslo.Adjust(FamilyReminder, Instant(due)));

    [Fact]
    public void A_window_that_ends_in_the_hour_the_spring_change_skips_ends_at_the_first_time_after_it()
    {
        var calendar = Oslo with { QuietFrom = new TimeOnly(1, 0), QuietUntil = new TimeOnly(2, 30) };

        Assert.Equal(Instant("2026-03-29T01:00:00Z"), calendar.OutsideQuietHours(Instant("2026-03-29T00:15:00Z")));
    }

    [Theory]
    [InlineData("2026-12-06T09:00:00Z", "2026-12-04T09:00:00Z")] // Sunday 10:00 → Friday 10:00
    [InlineData("2026-12-05T09:00:00Z", "2026-12-04T09:00:00Z")] // Saturday 10:00 → Friday 10:00
    [InlineData("2026-12-07T09:00:00Z", "2026-12-07T09:00:00Z")] // Monday stays
    [InlineData("2026-03-29T08:00:00Z", "2026-03-27T09:00:00Z")] // Sunday 10:00 summer time → Friday 10:00 winter time
    public void An_officer_reminder_due_at_the_weekend_comes_on_the_Friday_before_at_the_same_time_of_day(string due, string expected) =>
        Assert.Equal(Instant(expected), Oslo.Adjust(OfficerReminder, Instant(due)));

    [Fact]
    public void A_timer_that_asks_for_neither_rule_is_due_when_its_offset_says()
    {
        var plain = FamilyReminder with { QuietHours = false };

        Assert.Equal(Instant("2026-12-06T02:00:00Z"), Oslo.Adjust(plain, Instant("2026-12-06T02:00:00Z")));
    }

    [Fact]
    public void A_moved_due_time_is_given_in_UTC_as_the_database_stores_it()
    {
        Assert.Equal(TimeSpan.Zero, Oslo.Adjust(FamilyReminder, Instant("2026-12-07T06:00:00Z")).Offset);
        Assert.Equal(TimeSpan.Zero, Oslo.Adjust(OfficerReminder, Instant("2026-12-06T09:00:00Z")).Offset);
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
