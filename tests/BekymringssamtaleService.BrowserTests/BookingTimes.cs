namespace BekymringssamtaleService.BrowserTests;

/// <summary>Meeting times the booking form accepts from hosts on the real clock.</summary>
internal static class BookingTimes
{
    /// <summary>A weekday more than a week ahead, 10:00 Norwegian time: in the future and in working hours.</summary>
    public static DateTime NextWeekdayAtTen()
    {
        var day = BekymringssamtaleService.Domain.Time.OsloTime.Today(TimeProvider.System.GetUtcNow()).AddDays(8).ToDateTime(TimeOnly.MinValue);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day.AddHours(10);
    }
}
