using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Cases;
using BekymringssamtaleService.Web.Features.Cases.Invite;

namespace BekymringssamtaleService.Web.Features.Cases.Reschedule;

public sealed class RescheduleRequest
{
    public DateTimeOffset? MeetingStart { get; set; }
    public int? DurationMinutes { get; set; }
    public string? Place { get; set; }

    /// <summary>The officers of the new time; the booked ones stay when none are given.</summary>
    public List<string> OfficerIds { get; set; } = [];
}

/// <summary>
/// Moves the booked conversation: "changed time" letters with the same calendar UID and a higher sequence go out, and
/// the reminders of the old time are replaced by ones for the new time.
/// </summary>
public sealed class Reschedule(CaseSteps steps, MeetingTimeRules rules) : CaseStep<RescheduleRequest>
{
    public override string Slug => "reschedule";
    public override string Title => "Endre tid";
    public override IReadOnlyList<string> Triggers => ["Reschedule"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("meetingStart", "Nytt tidspunkt", FieldKind.DateTime),
        new("durationMinutes", "Varighet i minutter", FieldKind.Number, Required: false, Hint: $"Standard er {MeetingTimeRules.DefaultDurationMinutes} minutter."),
        new("place", "Sted", FieldKind.Text),
        new("officerIds", "Betjenter (tomt = de samme som før)", FieldKind.UnitOfficers, Required: false),
    ];

    public override async Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, RescheduleRequest request, CancellationToken cancellationToken)
    {
        var booked = await steps.BookedMeetingAsync(caseId, cancellationToken);
        var officers = request.OfficerIds.Count > 0 ? request.OfficerIds : booked?.OfficerIds ?? [];
        var errors = new FieldErrors();
        var duration = request.DurationMinutes ?? MeetingTimeRules.DefaultDurationMinutes;
        await rules.CheckAsync(errors, caseId, request.MeetingStart, duration, request.Place, officers, cancellationToken);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var startsAt = request.MeetingStart!.Value.ToUniversalTime();
        var input = new JsonObject
        {
            ["meetingStart"] = startsAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["durationMinutes"] = duration,
            ["place"] = request.Place!.Trim(),
        };
        return await steps.TakeAsync(user, caseId, _ => "Reschedule", input, async (db, scope, token) =>
        {
            var meeting = await Meetings.BookedAsync(db, caseId, token)
                ?? throw new StepRefusedException("meetingStart", "Saken har ingen booket samtale å flytte.");
            await Meetings.EnsureOfficersFreeAsync(db, officers, startsAt, duration, meeting.Id, token);
            meeting.PreviousStartsAt = meeting.StartsAt;
            meeting.StartsAt = startsAt;
            meeting.DurationMinutes = duration;
            meeting.Place = request.Place!.Trim();
            meeting.OfficerIds = [.. officers];
            meeting.Sequence++;
        }, cancellationToken);
    }
}
