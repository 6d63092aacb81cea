using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.ChooseTrack;

public sealed class ChooseTrackRequest
{
    public string? Track { get; set; }

    /// <summary>The offence case number; required for an attendance order unless the case already has one.</summary>
    [MaxLength(40)]
    public string? OffenceReference { get; set; }

    [FreeText]
    public string? Reason { get; set; }
}

/// <summary>Voluntary invitation, or an attendance order (needs an offence reference, goes to a Lead for approval).</summary>
public sealed class ChooseTrack : CaseStep<ChooseTrackRequest>
{
    public override string Slug => "choose-track";
    public override string Title => "Velg spor";
    public override IReadOnlyList<string> Triggers => ["ChooseVoluntary", "RequestAttendanceOrder"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("track", "Spor", FieldKind.Select, Choices: [new(Track.Voluntary.WireName(), "Frivillig innkalling"), new(Track.AttendanceOrder.WireName(), "Pålegg om oppmøte (krever lovbrudd og godkjenning)")]),
        new("offenceReference", "Straffesaksnummer", FieldKind.Text, Required: false, Hint: "Påkrevd for pålegg om oppmøte."),
        new("reason", "Begrunnelse for pålegg", FieldKind.LongText, Required: false),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, ChooseTrackRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        var track = TrackNames.FromWireName(request.Track);
        if (track is null)
        {
            errors.Add("track", "Velg frivillig innkalling eller pålegg om oppmøte.");
        }

        errors.MaxLength("offenceReference", request.OffenceReference, 40);
        errors.MaxLength("reason", request.Reason, FieldErrors.LongText);
        if (track == Track.AttendanceOrder)
        {
            if (OffenceReference(atHand, request) is null)
            {
                errors.Add("offenceReference", "Pålegg om oppmøte krever et straffesaksnummer: det må være grunn til å tro at ungdommen har begått en straffbar handling.");
            }

            errors.Required("reason", request.Reason, FieldErrors.LongText);
        }

        return Task.CompletedTask;
    }

    public override StepFiring Fire(CaseAtHand atHand, ChooseTrackRequest request, ClaimsPrincipal user)
    {
        if (TrackNames.FromWireName(request.Track) == Track.Voluntary)
        {
            return new StepFiring("ChooseVoluntary", []);
        }

        var reference = OffenceReference(atHand, request);
        var input = new JsonObject { ["offenceReference"] = reference, ["reason"] = request.Reason!.Trim() };
        return new StepFiring("RequestAttendanceOrder", input, async (db, scope, token) =>
        {
            var concernCase = await db.Cases.SingleAsync(c => c.Id == atHand.Id, token);
            concernCase.OffenceReference = reference;
            CaseEntries.Record(db, scope, atHand.Id, Slug, user.StaffId(), ("reason", request.Reason));
        });
    }

    /// <summary>The reference given now, or the one the case was registered with.</summary>
    private static string? OffenceReference(CaseAtHand atHand, ChooseTrackRequest request) =>
        string.IsNullOrWhiteSpace(request.OffenceReference) ? atHand.OffenceReference : request.OffenceReference.Trim();
}
