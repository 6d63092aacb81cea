using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.Invite;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Reschedule;

public sealed class RescheduleRequest
{
    public DateTimeOffset? MeetingStart { get; set; }

    [Range(MeetingTimeRules.ShortestMeetingMinutes, Meetings.LongestMeetingMinutes)]
    public int? DurationMinutes { get; set; }

    [MaxLength(300)]
    public string? Place { get; set; }

    /// <summary>The officers of the new time; the booked ones stay when none are given.</summary>
    [MaxLength(10)]
    public List<string> OfficerIds { get; set; } = [];

    /// <summary>The room of the new time; the booked one stays when none is given.</summary>
    public Guid? RoomId { get; set; }

    /// <summary>The interpreter of the new time; the booked one stays when none is given.</summary>
    public Guid? InterpreterId { get; set; }
}

/// <summary>
/// Moves the booked conversation, the first or a follow-up: "changed time" letters with the same calendar UID and a
/// higher sequence go out, and the reminders of the old time are replaced by ones for the new time.
/// </summary>
public sealed class Reschedule(ServiceDbContext db, MeetingTimeRules rules) : CaseStep<RescheduleRequest>
{
    public override string Slug => "reschedule";
    public override string Title => "Endre tid";
    public override StepWeight Weight => StepWeight.Beside;
    public override IReadOnlyList<string> Triggers => ["Reschedule", "RescheduleFollowUp"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("meetingStart", "Nytt tidspunkt", FieldKind.DateTime),
        new("durationMinutes", "Varighet i minutter", FieldKind.Number, Required: false, Hint: $"Standard er {MeetingTimeRules.DefaultDurationMinutes} minutter."),
        new("place", "Sted", FieldKind.Text),
        new("officerIds", "Betjenter (tomt = de samme som før)", FieldKind.UnitOfficers, Required: false),
        new("roomId", "Rom (tomt = det samme som før)", FieldKind.UnitRoom, Required: false),
        new("interpreterId", "Tolk (tomt = den samme som før)", FieldKind.UnitInterpreter, Required: false),
    ];

    public override async Task ValidateAsync(CaseAtHand atHand, RescheduleRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        var booked = await db.Meetings.AsNoTracking()
            .Where(m => m.CaseId == atHand.Id && m.Status == MeetingStatus.Booked)
            .Select(m => new { m.OfficerIds, m.RoomId, m.InterpreterId })
            .SingleOrDefaultAsync(cancellationToken);
        var parties = new MeetingParties(
            request.OfficerIds.Count > 0 ? request.OfficerIds : booked?.OfficerIds ?? [],
            request.RoomId ?? booked?.RoomId,
            request.InterpreterId ?? booked?.InterpreterId);
        await rules.CheckAsync(errors, atHand.UnitCode, request.MeetingStart, Duration(request), request.Place, parties, cancellationToken);
    }

    public override StepFiring Fire(CaseAtHand atHand, RescheduleRequest request, ClaimsPrincipal user)
    {
        var startsAt = request.MeetingStart!.Value.ToUniversalTime();
        var duration = Duration(request);
        var input = Meetings.TriggerInput(startsAt, duration, request.Place!.Trim());
        var trigger = atHand.State == CaseWorkflow.FollowUpBooked ? "RescheduleFollowUp" : "Reschedule";
        return new StepFiring(trigger, input, async (transactionDb, scope, token) =>
        {
            var meeting = await Meetings.BookedAsync(transactionDb, atHand.Id, token)
                ?? throw new StepRefusedException("meetingStart", "Saken har ingen booket samtale å flytte.");
            var parties = new MeetingParties(
                request.OfficerIds.Count > 0 ? request.OfficerIds : meeting.OfficerIds,
                request.RoomId ?? meeting.RoomId,
                request.InterpreterId ?? meeting.InterpreterId);
            await Meetings.EnsureFreeAsync(transactionDb, parties, startsAt, duration, meeting.Id, token);
            meeting.PreviousStartsAt = meeting.StartsAt;
            meeting.StartsAt = startsAt;
            meeting.DurationMinutes = duration;
            meeting.Place = request.Place!.Trim();
            meeting.OfficerIds = [.. parties.OfficerIds];
            meeting.RoomId = parties.RoomId;
            meeting.InterpreterId = parties.InterpreterId;
            meeting.Sequence++;
        });
    }

    private static int Duration(RescheduleRequest request) => request.DurationMinutes ?? MeetingTimeRules.DefaultDurationMinutes;
}
