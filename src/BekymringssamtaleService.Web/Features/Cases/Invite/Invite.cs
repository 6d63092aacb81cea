using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Booking;
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

    [MaxLength(10)]
    public List<ExtraParticipantInput> ExtraParticipants { get; set; } = [];
}

public sealed class ExtraParticipantInput
{
    public string? Name { get; set; }
    public string? Organisation { get; set; }

    /// <summary>Who consented to this person taking part (the youth, a guardian); without it they cannot be invited.</summary>
    public string? ConsentGivenBy { get; set; }
}

/// <summary>Books the conversation and sends the invitation (per track) with a calendar entry to the youth and every guardian.</summary>
public sealed class Invite(MeetingTimeRules rules) : CaseStep<InviteRequest>
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
        new("extraParticipants[0].name", "Annen deltaker: navn", FieldKind.Text, Required: false),
        new("extraParticipants[0].organisation", "Annen deltaker: virksomhet (skole, barnevern)", FieldKind.Text, Required: false),
        new("extraParticipants[0].consentGivenBy", "Samtykke til deltakelse gitt av", FieldKind.Text, Required: false),
    ];

    public override async Task ValidateAsync(CaseAtHand atHand, InviteRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        await rules.CheckAsync(errors, atHand.UnitCode, request.MeetingStart, Duration(request), request.Place, request.OfficerIds, cancellationToken);
        var extras = Extras(request);
        for (var index = 0; index < extras.Count; index++)
        {
            errors.Required($"extraParticipants[{index}].name", extras[index].Name);
            errors.Required($"extraParticipants[{index}].organisation", extras[index].Organisation);
            if (string.IsNullOrWhiteSpace(extras[index].ConsentGivenBy))
            {
                errors.Add($"extraParticipants[{index}].consentGivenBy", "Andre deltakere kan bare være med når samtykke er registrert: skriv hvem som har samtykket.");
            }
        }
    }

    public override StepFiring Fire(CaseAtHand atHand, InviteRequest request, ClaimsPrincipal user)
    {
        var startsAt = request.MeetingStart!.Value.ToUniversalTime();
        var duration = Duration(request);
        var input = Meetings.TriggerInput(startsAt, duration, request.Place!.Trim());
        input["awaitsReply"] = atHand.Track == Track.Voluntary;
        return new StepFiring("Invite", input, (db, scope, token) => Meetings.BookAsync(
            db, atHand.Id, startsAt, duration, request.Place!.Trim(), request.OfficerIds,
            [.. Extras(request).Select(p => new ExtraParticipant(p.Name!.Trim(), p.Organisation!.Trim(), p.ConsentGivenBy!.Trim()))], scope.Now, token));
    }

    private static int Duration(InviteRequest request) => request.DurationMinutes ?? MeetingTimeRules.DefaultDurationMinutes;

    /// <summary>The extra participants the officer filled in; a blank row of the form is none.</summary>
    private static List<ExtraParticipantInput> Extras(InviteRequest request) =>
        [.. request.ExtraParticipants.Where(p => !string.IsNullOrWhiteSpace(p.Name) || !string.IsNullOrWhiteSpace(p.Organisation))];
}
