namespace BekymringssamtaleService.Workflows.Definitions;

/// <summary>
/// The wall-clock rules a timer may ask for, in one time zone: <b>quiet hours</b> (a nightly window in which no
/// letter reaches a family: a timer due inside it waits for the window's end) and <b>working days</b> (a timer due on
/// a Saturday or Sunday comes on the Friday before, at the same time of day). Daylight-saving changes are followed:
/// the window and the time of day are wall-clock times in the zone.
/// </summary>
public sealed record TimerCalendar(TimeZoneInfo Zone, TimeOnly QuietFrom, TimeOnly QuietUntil)
{
    /// <summary>No quiet hours (a window of zero length), in UTC.</summary>
    public static readonly TimerCalendar None = new(TimeZoneInfo.Utc, TimeOnly.MinValue, TimeOnly.MinValue);

    public DateTimeOffset Adjust(TimerDefinition timer, DateTimeOffset due)
    {
        if (timer.WorkingDaysOnly)
        {
            due = OnWorkingDay(due);
        }

        return timer.QuietHours ? OutsideQuietHours(due) : due;
    }

    public DateTimeOffset OutsideQuietHours(DateTimeOffset due)
    {
        var local = TimeZoneInfo.ConvertTime(due, Zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var crossesMidnight = QuietFrom > QuietUntil;
        var inside = crossesMidnight ? time >= QuietFrom || time < QuietUntil : time >= QuietFrom && time < QuietUntil;
        if (!inside)
        {
            return due;
        }

        var endDay = DateOnly.FromDateTime(local);
        if (crossesMidnight && time >= QuietFrom)
        {
            endDay = endDay.AddDays(1);
        }

        return FromWallClock(endDay.ToDateTime(QuietUntil));
    }

    public DateTimeOffset OnWorkingDay(DateTimeOffset due)
    {
        var local = TimeZoneInfo.ConvertTime(due, Zone).DateTime;
        var back = local.DayOfWeek switch
        {
            DayOfWeek.Saturday => 1,
            DayOfWeek.Sunday => 2,
            _ => 0,
        };
        return back == 0 ? due : FromWallClock(local.AddDays(-back));
    }

    /// <summary>The instant of a wall-clock time; one that the spring change skips is read as the first time after the gap.</summary>
    private DateTimeOffset FromWallClock(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
