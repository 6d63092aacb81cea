using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.Measures;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.RecordFollowUp;

public sealed class RecordFollowUpRequest
{
    /// <summary>Whether the follow-up conversation was held; when it was not, it was missed.</summary>
    public bool? Held { get; set; }

    /// <summary>Whether the measures go as agreed; asked when the conversation was held.</summary>
    public bool? MeasuresOnTrack { get; set; }

    /// <summary>Each measure's status after the review, by its id; a measure left out keeps its status.</summary>
    public Dictionary<Guid, MeasureStatus> MeasureStatuses { get; set; } = [];

    [FreeText]
    public string? Notes { get; set; }
}

/// <summary>
/// From the follow-up conversation's start the officer records its outcome: held (with whether the measures are on
/// track) or missed, and each measure's status. The case is then in follow-up again: another conversation, or closing.
/// </summary>
public sealed class RecordFollowUp(ServiceDbContext db, TimeProvider time) : CaseStep<RecordFollowUpRequest>
{
    public override string Slug => "record-follow-up";
    public override string Title => "Registrer oppfølgingssamtale";
    public override IReadOnlyList<string> Triggers => ["RecordFollowUp", "RecordFollowUpMissed"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("held", "Ble oppfølgingssamtalen holdt?", FieldKind.YesNo),
        new("measuresOnTrack", "Går tiltakene som avtalt?", FieldKind.YesNo, Required: false, Hint: "Påkrevd når samtalen ble holdt."),
        MeasureStatusReview.Field("Status for hvert tiltak"),
        new("notes", "Notater", FieldKind.LongText, Required: false),
    ];

    public override Task<string?> NotYetAsync(CaseAtHand atHand, CancellationToken cancellationToken) =>
        Meetings.NotBegunAsync(db, atHand.Id, time.GetUtcNow(), cancellationToken);

    public override async Task ValidateAsync(CaseAtHand atHand, RecordFollowUpRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("held", request.Held);
        if (request.Held == true)
        {
            errors.Required("measuresOnTrack", request.MeasuresOnTrack);
        }

        errors.MaxLength("notes", request.Notes, FieldErrors.LongText);
        await MeasureStatusReview.ValidateAsync(db, atHand.Id, request.MeasureStatuses, errors, cancellationToken);
    }

    public override StepFiring Fire(CaseAtHand atHand, RecordFollowUpRequest request, ClaimsPrincipal user)
    {
        var held = request.Held == true;
        var (trigger, input) = held
            ? ("RecordFollowUp", new JsonObject { ["measuresOnTrack"] = request.MeasuresOnTrack })
            : ("RecordFollowUpMissed", new JsonObject());
        return new StepFiring(trigger, input, async (transactionDb, scope, token) =>
        {
            // A case still on a workflow version without bookings records its follow-up with no meeting to mark.
            if (await Meetings.BookedAsync(transactionDb, atHand.Id, token) is { } meeting)
            {
                meeting.Status = held ? MeetingStatus.Held : MeetingStatus.Missed;
                meeting.YouthAttended = held;
            }

            await MeasureStatusReview.ApplyAsync(transactionDb, atHand.Id, request.MeasureStatuses, token);
            CaseEntries.Record(
                transactionDb, scope, atHand.Id, Slug, user.StaffId(),
                ("held", held ? "yes" : "no"), ("measuresOnTrack", request.MeasuresOnTrack is { } onTrack ? onTrack ? "yes" : "no" : null), ("notes", request.Notes));
        });
    }
}
