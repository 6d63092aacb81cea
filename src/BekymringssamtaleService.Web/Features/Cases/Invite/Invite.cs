using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Invite;

public sealed class InviteRequest
{
    public DateTimeOffset? MeetingStart { get; set; }

    [Range(MeetingTimeRules.ShortestMeetingMinutes, Meetings.LongestMeetingMinutes)]
    public int? DurationMinutes { get; set; }

    [MaxLength(300)]
    public string? Place { get; set; }

    [MaxLength(10)]
    public List<string> OfficerIds { get; set; } = [];

    /// <summary>The unit's room to hold it in (one of its bookable rooms), if any.</summary>
    public Guid? RoomId { get; set; }

    /// <summary>The unit's interpreter to book for it, if any.</summary>
    public Guid? InterpreterId { get; set; }

    [MaxLength(10)]
    public List<ExtraParticipantInput> ExtraParticipants { get; set; } = [];
}

public sealed class ExtraParticipantInput
{
    public string? Name { get; set; }
    public string? Organisation { get; set; }

    /// <summary>What the organisation is (school, child welfare …): the sharing the case needs a valid consent to before they take part.</summary>
    public ConsentSharing? Sharing { get; set; }
}

/// <summary>Books the conversation and sends the invitation (per track) with a calendar entry to the youth and every guardian.</summary>
public sealed class Invite(MeetingTimeRules rules, ServiceDbContext db, TimeProvider time) : CaseStep<InviteRequest>
{
    public override string Slug => "invite";
    public override string Title => "Send innkalling";
    public override IReadOnlyList<string> Triggers => ["Invite"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("meetingStart", "Tidspunkt", FieldKind.DateTime),
        new("durationMinutes", "Varighet i minutter", FieldKind.Number, Required: false, Hint: $"Standard er {MeetingTimeRules.DefaultDurationMinutes} minutter."),
        new("place", "Sted", FieldKind.Text),
        new("officerIds", "Betjenter (helst to)", FieldKind.UnitOfficers),
        new("roomId", "Rom", FieldKind.UnitRoom, Required: false),
        new("interpreterId", "Tolk", FieldKind.UnitInterpreter, Required: false),
        new("extraParticipants[0].name", "Annen deltaker: navn", FieldKind.Text, Required: false),
        new("extraParticipants[0].organisation", "Annen deltaker: virksomhet (skole, barnevern)", FieldKind.Text, Required: false),
        new("extraParticipants[0].sharing", "Annen deltaker: deltar som", FieldKind.Select, Required: false, Choices: ConsentWords.SharingChoices,
            Hint: "Andre deltakere kan bare være med når saken har gyldig samtykke til deling med dem."),
    ];

    public override async Task ValidateAsync(CaseAtHand atHand, InviteRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        await rules.CheckAsync(errors, atHand.UnitCode, request.MeetingStart, Duration(request), request.Place, Parties(request), cancellationToken);
        var extras = Extras(request);
        var consents = extras.Count == 0 ? null : await CaseConsents.LoadAsync(db, atHand.Id, cancellationToken);
        for (var index = 0; index < extras.Count; index++)
        {
            errors.Required($"extraParticipants[{index}].name", extras[index].Name);
            errors.Required($"extraParticipants[{index}].organisation", extras[index].Organisation);
            errors.Required($"extraParticipants[{index}].sharing", extras[index].Sharing);
            if (extras[index].Sharing is { } sharing && consents!.Lacking(sharing, OsloTime.Today(time.GetUtcNow())) is { } lacking)
            {
                errors.Add($"extraParticipants[{index}].sharing", $"Andre deltakere kan bare være med på gyldig samtykke. {lacking}");
            }
        }
    }

    public override StepFiring Fire(CaseAtHand atHand, InviteRequest request, ClaimsPrincipal user)
    {
        var startsAt = request.MeetingStart!.Value.ToUniversalTime();
        var duration = Duration(request);
        var input = Meetings.TriggerInput(startsAt, duration, request.Place!.Trim());
        input["awaitsReply"] = atHand.Track == Track.Voluntary;
        var extras = Extras(request);
        return new StepFiring("Invite", input, async (transactionDb, scope, token) =>
        {
            // Again inside the transaction: a consent withdrawn since the form was checked refuses the invitation.
            var consents = await CaseConsents.LoadAsync(transactionDb, atHand.Id, token);
            for (var index = 0; index < extras.Count; index++)
            {
                if (consents.Lacking(extras[index].Sharing!.Value, OsloTime.Today(scope.Now)) is { } lacking)
                {
                    throw new StepRefusedException($"extraParticipants[{index}].sharing", $"Andre deltakere kan bare være med på gyldig samtykke. {lacking}");
                }
            }

            await Meetings.BookAsync(
                transactionDb, atHand.Id, startsAt, duration, request.Place!.Trim(), Parties(request),
                [.. extras.Select(p => new ExtraParticipant(p.Name!.Trim(), p.Organisation!.Trim(), p.Sharing))], scope.Now, token);
        });
    }

    private static MeetingParties Parties(InviteRequest request) => new(request.OfficerIds, request.RoomId, request.InterpreterId);

    private static int Duration(InviteRequest request) => request.DurationMinutes ?? MeetingTimeRules.DefaultDurationMinutes;

    /// <summary>The extra participants the officer filled in; a blank row of the form is none.</summary>
    private static List<ExtraParticipantInput> Extras(InviteRequest request) =>
        [.. request.ExtraParticipants.Where(p => !string.IsNullOrWhiteSpace(p.Name) || !string.IsNullOrWhiteSpace(p.Organisation) || p.Sharing is not null)];
}
