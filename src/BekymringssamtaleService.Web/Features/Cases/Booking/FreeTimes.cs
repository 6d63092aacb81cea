using System.Globalization;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Features.Cases.Booking;

/// <summary>
/// The free times of one day for a booking form: the unit's working hours less every booked conversation of the chosen
/// officers, room and interpreter, so the officer sees what is free before submitting. One query.
/// </summary>
public sealed class FreeTimes(ServiceDbContext db, IOptions<CaseSettings> settings)
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public async Task<FreeTimesView> OnAsync(string unitCode, DateOnly day, MeetingParties parties, CancellationToken cancellationToken)
    {
        var hours = settings.Value.HoursOf(unitCode);
        var dayText = day.ToString("dddd dd.MM.yyyy", Norwegian);
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return new FreeTimesView(hours.Describe(), day, dayText, []);
        }

        var opens = OsloTime.FromOsloWallClock(day.ToDateTime(hours.Start)).ToUniversalTime();
        var closes = OsloTime.FromOsloWallClock(day.ToDateTime(hours.End)).ToUniversalTime();
        var earliest = opens.AddMinutes(-Meetings.LongestMeetingMinutes);
        var officerIds = parties.OfficerIds;
        var busy = await db.Meetings.AsNoTracking()
            .Where(m => m.Status == MeetingStatus.Booked && m.StartsAt < closes && m.StartsAt > earliest)
            .Where(m => m.OfficerIds.Any(officer => officerIds.Contains(officer))
                || (parties.RoomId != null && m.RoomId == parties.RoomId)
                || (parties.InterpreterId != null && m.InterpreterId == parties.InterpreterId))
            .OrderBy(m => m.StartsAt)
            .Select(m => new { m.StartsAt, m.DurationMinutes })
            .ToListAsync(cancellationToken);

        var free = new List<TimeSlot>();
        var from = opens;
        foreach (var meeting in busy)
        {
            var ends = meeting.StartsAt.AddMinutes(meeting.DurationMinutes);
            if (meeting.StartsAt > from)
            {
                free.Add(Slot(from, meeting.StartsAt < closes ? meeting.StartsAt : closes));
            }

            if (ends > from)
            {
                from = ends;
            }
        }

        if (from < closes)
        {
            free.Add(Slot(from, closes));
        }

        return new FreeTimesView(hours.Describe(), day, dayText, free);
    }

    /// <summary>The day asked about, else the day of the time typed in, else the next working day.</summary>
    public static DateOnly DayToShow(string? asked, string? meetingStart, DateTimeOffset now)
    {
        if (DateOnly.TryParseExact(asked, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 1900 and <= 2100)
        {
            return day;
        }

        if (DateTime.TryParseExact(meetingStart, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var typed)
            && typed.Year is >= 1900 and <= 2100)
        {
            return DateOnly.FromDateTime(typed);
        }

        var next = OsloTime.Today(now).AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            next = next.AddDays(1);
        }

        return next;
    }

    private static TimeSlot Slot(DateTimeOffset from, DateTimeOffset until) =>
        new(TimeOnly.FromDateTime(OsloTime.ToOslo(from).DateTime), TimeOnly.FromDateTime(OsloTime.ToOslo(until).DateTime));
}

/// <summary>The free times of <see cref="Day"/> within the unit's <see cref="WorkingHours"/> (none at a weekend).</summary>
public sealed record FreeTimesView(string WorkingHours, DateOnly Day, string DayText, IReadOnlyList<TimeSlot> Free)
{
    /// <summary>Who the free times are for (names of the officers, the room and the interpreter), filled in by the form.</summary>
    public IReadOnlyList<string> For { get; init; } = [];
}

public sealed record TimeSlot(TimeOnly From, TimeOnly Until)
{
    public override string ToString() => $"{From:HH\\:mm}–{Until:HH\\:mm}";
}
