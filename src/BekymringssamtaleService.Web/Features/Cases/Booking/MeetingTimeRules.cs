using BekymringssamtaleService.Domain.Resources;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Features.Cases.Booking;

/// <summary>What a booked time must satisfy, for an invitation and a new time alike, in the unit of the case the gate found.</summary>
public sealed class MeetingTimeRules(ServiceDbContext db, IOptions<CaseSettings> settings, TimeProvider time)
{
    public const int DefaultDurationMinutes = 90;
    public const int ShortestMeetingMinutes = 15;

    /// <summary>How far ahead a conversation can be booked: a time further out is a typing error, not a plan.</summary>
    public const int FurthestAheadYears = 2;

    public async Task CheckAsync(
        FieldErrors errors, string unitCode, DateTimeOffset? start, int duration, string? place, MeetingParties parties, CancellationToken cancellationToken)
    {
        var officerIds = parties.OfficerIds;
        errors.Required("place", place, 300);
        var durationValid = duration is >= ShortestMeetingMinutes and <= Meetings.LongestMeetingMinutes;
        if (!durationValid)
        {
            errors.Add("durationMinutes", $"Varigheten må være mellom {ShortestMeetingMinutes} og {Meetings.LongestMeetingMinutes} minutter.");
        }

        var now = time.GetUtcNow();
        if (start is not { } startsAt)
        {
            errors.Add("meetingStart", "Feltet må fylles ut.");
        }
        else if (startsAt <= now)
        {
            errors.Add("meetingStart", "Tidspunktet må være fram i tid.");
        }
        else if (startsAt > now.AddYears(FurthestAheadYears))
        {
            errors.Add("meetingStart", $"Tidspunktet kan ligge høyst {FurthestAheadYears} år fram i tid.");
        }
        else if (durationValid)
        {
            var hours = settings.Value.HoursOf(unitCode);
            var osloStart = OsloTime.ToOslo(startsAt).DateTime;
            if (!hours.Contains(osloStart, osloStart.AddMinutes(duration)))
            {
                errors.Add("meetingStart", $"Samtalen må ligge innenfor enhetens arbeidstid: mandag til fredag {hours.Start:HH\\:mm}–{hours.End:HH\\:mm}.");
            }
        }

        if (officerIds.Count == 0)
        {
            errors.Add("officerIds", "Velg minst én betjent (helst to).");
        }
        else
        {
            var staff = await db.StaffMembers.AsNoTracking().Where(s => officerIds.Contains(s.Id)).ToListAsync(cancellationToken);
            var valid = staff.Where(s => s.Roles.Contains(Role.Officer) && s.UnitCodes.Contains(unitCode)).Select(s => s.Id).ToHashSet();
            if (officerIds.Any(id => !valid.Contains(id)) || officerIds.Distinct().Count() != officerIds.Count)
            {
                errors.Add("officerIds", "Velg betjenter fra sakens enhet, hver bare én gang.");
            }
        }

        foreach (var (field, id, kind, what) in new[] { ("roomId", parties.RoomId, ResourceKind.Room, "et rom"), ("interpreterId", parties.InterpreterId, ResourceKind.Interpreter, "en tolk") })
        {
            if (id is { } resourceId && !await db.BookableResources.AnyAsync(
                r => r.Id == resourceId && r.Kind == kind && r.UnitCode == unitCode && r.DeactivatedAt == null, cancellationToken))
            {
                errors.Add(field, $"Velg {what} i sakens enhet som er i bruk.");
            }
        }
    }
}
