using System.Globalization;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Booking;

/// <summary>The rules every booking shares: one meeting booked per case, no officer in two meetings at once.</summary>
public static class Meetings
{
    public const int LongestMeetingMinutes = 480;

    /// <summary>
    /// Books a meeting for the case on the step's transaction (the first conversation and each follow-up alike): refused
    /// when one of the officers is already booked at that time.
    /// </summary>
    public static async Task BookAsync(
        ServiceDbContext db, Guid caseId, DateTimeOffset startsAt, int durationMinutes, string place, IReadOnlyList<string> officerIds,
        IReadOnlyList<ExtraParticipant> extraParticipants, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureOfficersFreeAsync(db, officerIds, startsAt, durationMinutes, null, cancellationToken);
        db.Meetings.Add(new Meeting
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            StartsAt = startsAt,
            DurationMinutes = durationMinutes,
            Place = place,
            OfficerIds = [.. officerIds],
            ExtraParticipants = [.. extraParticipants],
            Status = MeetingStatus.Booked,
        });
    }

    /// <summary>What the workflow keeps of a booked time: its reminders count from meetingStart.</summary>
    public static JsonObject TriggerInput(DateTimeOffset startsAt, int durationMinutes, string place) => new()
    {
        ["meetingStart"] = startsAt.ToString("O", CultureInfo.InvariantCulture),
        ["durationMinutes"] = durationMinutes,
        ["place"] = place,
    };

    public static Task<Meeting?> BookedAsync(ServiceDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        db.Meetings.SingleOrDefaultAsync(m => m.CaseId == caseId && m.Status == MeetingStatus.Booked, cancellationToken);

    /// <summary>
    /// What happened at the booked meeting (held or missed, who came) is recorded from its start, never before: why
    /// not yet, with the start, or null when it may be recorded now (or the case has no booked meeting).
    /// </summary>
    public static async Task<string?> NotBegunAsync(ServiceDbContext db, Guid caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var startsAt = await db.Meetings.Where(m => m.CaseId == caseId && m.Status == MeetingStatus.Booked)
            .Select(m => (DateTimeOffset?)m.StartsAt)
            .SingleOrDefaultAsync(cancellationToken);
        return startsAt is { } start && now < start
            ? $"Samtalen har ikke begynt. Hva som skjedde, kan registreres fra den starter, {OsloTime.Format(start)}."
            : null;
    }

    /// <summary>The booked meeting, if any, becomes cancelled; its sequence rises so calendars drop the entry.</summary>
    public static async Task CancelBookedAsync(ServiceDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var booked = await BookedAsync(db, caseId, cancellationToken);
        if (booked is not null)
        {
            booked.Status = MeetingStatus.Cancelled;
            booked.Sequence++;
        }
    }

    /// <summary>
    /// Refuses the booking when one of the officers already has a booked meeting that overlaps. Runs inside the
    /// step's transaction and holds a lock per officer until it commits, so two bookings made at once cannot both pass.
    /// </summary>
    public static async Task EnsureOfficersFreeAsync(
        ServiceDbContext db, IReadOnlyList<string> officerIds, DateTimeOffset startsAt, int durationMinutes, Guid? exceptMeeting, CancellationToken cancellationToken)
    {
        foreach (var officer in officerIds.Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('meeting-officer:' || {officer}))", cancellationToken);
        }

        var endsAt = startsAt.AddMinutes(durationMinutes);
        var earliest = startsAt.AddMinutes(-LongestMeetingMinutes);
        var candidates = await db.Meetings
            .Where(m => m.Status == MeetingStatus.Booked && m.Id != exceptMeeting && m.StartsAt < endsAt && m.StartsAt > earliest)
            .Where(m => m.OfficerIds.Any(officer => officerIds.Contains(officer)))
            .ToListAsync(cancellationToken);
        var clash = candidates.FirstOrDefault(m => m.EndsAt > startsAt);
        if (clash is not null)
        {
            var busy = clash.OfficerIds.Intersect(officerIds).First();
            throw new StepRefusedException("officerIds", $"Betjenten {busy} er allerede booket til en samtale som overlapper dette tidspunktet.");
        }
    }
}
