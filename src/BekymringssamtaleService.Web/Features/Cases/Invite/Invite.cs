using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Cases;
using BekymringssamtaleService.Web.Features.Cases.ChooseTrack;

namespace BekymringssamtaleService.Web.Features.Cases.Invite;

public sealed class InviteRequest
{
    public DateTimeOffset? MeetingStart { get; set; }
    public int? DurationMinutes { get; set; }
    public string? Place { get; set; }
    public List<string> OfficerIds { get; set; } = [];
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
public sealed class Invite(CaseSteps steps, MeetingTimeRules rules) : CaseStep<InviteRequest>
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

    public override async Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, InviteRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var duration = request.DurationMinutes ?? MeetingTimeRules.DefaultDurationMinutes;
        await rules.CheckAsync(errors, caseId, request.MeetingStart, duration, request.Place, request.OfficerIds, cancellationToken);
        var extras = request.ExtraParticipants.Where(p => !string.IsNullOrWhiteSpace(p.Name) || !string.IsNullOrWhiteSpace(p.Organisation)).ToList();
        for (var index = 0; index < extras.Count; index++)
        {
            errors.Required($"extraParticipants[{index}].name", extras[index].Name);
            errors.Required($"extraParticipants[{index}].organisation", extras[index].Organisation);
            if (string.IsNullOrWhiteSpace(extras[index].ConsentGivenBy))
            {
                errors.Add($"extraParticipants[{index}].consentGivenBy", "Andre deltakere kan bare være med når samtykke er registrert: skriv hvem som har samtykket.");
            }
        }

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
        return await steps.TakeAsync(
            user,
            caseId,
            atHand =>
            {
                input["awaitsReply"] = atHand.Track == ChooseTrack.ChooseTrack.Voluntary;
                return "Invite";
            },
            input,
            async (db, scope, token) =>
            {
                await Meetings.EnsureOfficersFreeAsync(db, request.OfficerIds, startsAt, duration, null, token);
                db.Meetings.Add(new Meeting
                {
                    Id = Guid.CreateVersion7(scope.Now),
                    CaseId = caseId,
                    StartsAt = startsAt,
                    DurationMinutes = duration,
                    Place = request.Place!.Trim(),
                    OfficerIds = [.. request.OfficerIds],
                    ExtraParticipants = [.. extras.Select(p => new ExtraParticipant(p.Name!.Trim(), p.Organisation!.Trim(), p.ConsentGivenBy!.Trim()))],
                    Status = MeetingStatus.Booked,
                });
            },
            cancellationToken);
    }
}
