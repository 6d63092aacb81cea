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
    /// when one of the officers, the room or the interpreter is already booked at that time.
    /// </summary>
    public static async Task BookAsync(
        ServiceDbContext db, Guid caseId, DateTimeOffset startsAt, int durationMinutes, string place, MeetingParties parties,
        IReadOnlyList<ExtraParticipant> extraParticipants, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureFreeAsync(db, parties, startsAt, durationMinutes, null, cancellationToken);
        db.Meetings.Add(new Meeting
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            StartsAt = startsAt,
            DurationMinutes = durationMinutes,
            Place = place,
            OfficerIds = [.. parties.OfficerIds],
            RoomId = parties.RoomId,
            InterpreterId = parties.InterpreterId,
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
    /// Refuses the booking when one of the officers, the room or the interpreter already has a booked meeting that
    /// overlaps, naming them. Runs inside the step's transaction and first takes a transaction lock per officer and
    /// resource (in one order, so two bookings cannot wait for each other), held until it commits: of two bookings of one
    /// room made at once, the second waits, then sees the first and is refused.
    /// </summary>
    public static async Task EnsureFreeAsync(
        ServiceDbContext db, MeetingParties parties, DateTimeOffset startsAt, int durationMinutes, Guid? exceptMeeting, CancellationToken cancellationToken)
    {
        var keys = parties.OfficerIds.Select(officer => "meeting-officer:" + officer)
            .Concat(new[] { parties.RoomId, parties.InterpreterId }.OfType<Guid>().Select(resource => "meeting-resource:" + resource.ToString("N")))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", cancellationToken);
        }

        var officerIds = parties.OfficerIds;
        var endsAt = startsAt.AddMinutes(durationMinutes);
        var earliest = startsAt.AddMinutes(-LongestMeetingMinutes);
        var candidates = await db.Meetings.AsNoTracking()
            .Where(m => m.Status == MeetingStatus.Booked && m.Id != exceptMeeting && m.StartsAt < endsAt && m.StartsAt > earliest)
            .Where(m => m.OfficerIds.Any(officer => officerIds.Contains(officer))
                || (parties.RoomId != null && m.RoomId == parties.RoomId)
                || (parties.InterpreterId != null && m.InterpreterId == parties.InterpreterId))
            .Select(m => new { m.StartsAt, m.DurationMinutes, m.OfficerIds, m.RoomId, m.InterpreterId })
            .ToListAsync(cancellationToken);
        var clash = candidates.FirstOrDefault(m => m.StartsAt.AddMinutes(m.DurationMinutes) > startsAt);
        if (clash is null)
        {
            return;
        }

        if (clash.OfficerIds.Intersect(officerIds).FirstOrDefault() is { } officer)
        {
            var name = await db.StaffMembers.Where(s => s.Id == officer).Select(s => s.DisplayName).SingleAsync(cancellationToken);
            throw new StepRefusedException("officerIds", $"{name} er allerede booket til en samtale som overlapper dette tidspunktet.");
        }

        var (field, resourceId, what) = clash.RoomId is { } room && room == parties.RoomId
            ? ("roomId", room, "Rommet")
            : ("interpreterId", clash.InterpreterId!.Value, "Tolken");
        var resource = await db.BookableResources.Where(r => r.Id == resourceId).Select(r => r.Name).SingleAsync(cancellationToken);
        throw new StepRefusedException(field, $"{what} {resource} er allerede booket til en samtale som overlapper dette tidspunktet.");
    }
}

/// <summary>Who and what a meeting books: its officers, and the unit's room and interpreter when chosen.</summary>
public sealed record MeetingParties(IReadOnlyList<string> OfficerIds, Guid? RoomId, Guid? InterpreterId);
