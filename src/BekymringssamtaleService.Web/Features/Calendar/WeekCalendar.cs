using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Resources;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Calendar;

/// <summary>Which week (any day of it), and optionally one officer's or one room's conversations only.</summary>
public sealed record WeekFilter(DateOnly Day, string? Officer, Guid? Room);

/// <summary>The week Monday–Sunday with its conversations per day, and the officers and rooms it can be filtered by.</summary>
public sealed record Week(
    DateOnly Monday, IReadOnlyList<CalendarDay> Days, IReadOnlyList<NamedChoice> Officers, IReadOnlyList<NamedChoice> Rooms);

public sealed record CalendarDay(DateOnly Date, string Title, IReadOnlyList<CalendarMeeting> Meetings);

/// <summary>One conversation: its time, case (by number only: no names of the family on a shared calendar), people and room.</summary>
public sealed record CalendarMeeting(
    Guid CaseId, string CaseNumber, string Time, string Status, IReadOnlyList<string> Officers, string? Room, string? Interpreter);

public sealed record NamedChoice(string Value, string Name);

/// <summary>
/// The conversations of the user's units in one week. Three queries: the week's meetings with their case numbers, the
/// units' officers and the units' rooms and interpreters; then the access log rows (one per unit) are saved.
/// </summary>
public sealed class WeekCalendar(ServiceDbContext db, TimeProvider time)
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public async Task<Week> ReadAsync(ClaimsPrincipal user, WeekFilter filter, CancellationToken cancellationToken)
    {
        var units = CaseAccess.ListableUnits(user);
        var monday = filter.Day.AddDays(-(((int)filter.Day.DayOfWeek + 6) % 7));
        var from = OsloTime.FromOsloWallClock(monday.ToDateTime(TimeOnly.MinValue)).ToUniversalTime();
        var until = OsloTime.FromOsloWallClock(monday.AddDays(7).ToDateTime(TimeOnly.MinValue)).ToUniversalTime();

        var query = db.Meetings.AsNoTracking()
            .Where(m => m.StartsAt >= from && m.StartsAt < until && m.Status != MeetingStatus.Cancelled)
            .Join(db.Cases.Where(c => units.Contains(c.UnitCode) && c.BlockedAt == null), m => m.CaseId, c => c.Id, (m, c) => new
            {
                m.StartsAt,
                m.DurationMinutes,
                m.OfficerIds,
                m.RoomId,
                m.InterpreterId,
                m.Status,
                c.Id,
                c.Number,
            });
        if (filter.Officer is { } officer)
        {
            query = query.Where(m => m.OfficerIds.Contains(officer));
        }

        if (filter.Room is { } room)
        {
            query = query.Where(m => m.RoomId == room);
        }

        var meetings = await query.OrderBy(m => m.StartsAt).ToListAsync(cancellationToken);
        var officers = await db.StaffMembers.AsNoTracking()
            .Where(s => s.UnitCodes.Any(unit => units.Contains(unit)) && s.Roles.Contains(Role.Officer))
            .OrderBy(s => s.DisplayName)
            .Select(s => new NamedChoice(s.Id, s.DisplayName))
            .ToListAsync(cancellationToken);
        var resources = await db.BookableResources.AsNoTracking()
            .Where(r => units.Contains(r.UnitCode))
            .OrderBy(r => r.Name)
            .Select(r => new { r.Id, r.Kind, r.Name })
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "calendar-week", now);
        }

        await db.SaveChangesAsync(cancellationToken);

        var officerNames = officers.ToDictionary(o => o.Value, o => o.Name, StringComparer.Ordinal);
        var resourceNames = resources.ToDictionary(r => r.Id, r => r.Name);
        var days = Enumerable.Range(0, 7).Select(offset =>
        {
            var date = monday.AddDays(offset);
            return new CalendarDay(
                date,
                date.ToString("dddd dd.MM.yyyy", Norwegian),
                [.. meetings.Where(m => DateOnly.FromDateTime(OsloTime.ToOslo(m.StartsAt).DateTime) == date).Select(m =>
                {
                    var start = OsloTime.ToOslo(m.StartsAt);
                    return new CalendarMeeting(
                        m.Id,
                        CaseNumbers.Format(m.Number),
                        $"{start:HH\\:mm}–{start.AddMinutes(m.DurationMinutes):HH\\:mm}",
                        StatusWord(m.Status),
                        [.. m.OfficerIds.Select(id => officerNames.GetValueOrDefault(id, id))],
                        m.RoomId is { } roomId ? resourceNames.GetValueOrDefault(roomId) : null,
                        m.InterpreterId is { } interpreterId ? resourceNames.GetValueOrDefault(interpreterId) : null);
                })]);
        }).ToList();

        return new Week(
            monday,
            days,
            officers,
            [.. resources.Where(r => r.Kind == ResourceKind.Room).Select(r => new NamedChoice(r.Id.ToString(), r.Name))]);
    }

    private static string StatusWord(MeetingStatus status) => status switch
    {
        MeetingStatus.Held => "Holdt",
        MeetingStatus.Missed => "Møtte ikke",
        _ => "Booket",
    };
}
