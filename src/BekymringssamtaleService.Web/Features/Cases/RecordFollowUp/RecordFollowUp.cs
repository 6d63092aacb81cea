using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.RecordFollowUp;

public sealed class RecordFollowUpRequest
{
    public bool? MeasuresOnTrack { get; set; }

    [FreeText]
    public string? Notes { get; set; }
}

/// <summary>Records a follow-up conversation: whether the measures are on track, and notes.</summary>
public sealed class RecordFollowUp : CaseStep<RecordFollowUpRequest>
{
    public override string Slug => "record-follow-up";
    public override string Title => "Registrer oppfølgingssamtale";
    public override IReadOnlyList<string> Triggers => ["RecordFollowUp"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("measuresOnTrack", "Går tiltakene som avtalt?", FieldKind.YesNo),
        new("notes", "Notater", FieldKind.LongText, Required: false),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, RecordFollowUpRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("measuresOnTrack", request.MeasuresOnTrack);
        errors.MaxLength("notes", request.Notes, FieldErrors.LongText);
        return Task.CompletedTask;
    }

    public override StepFiring Fire(CaseAtHand atHand, RecordFollowUpRequest request, ClaimsPrincipal user) =>
        new("RecordFollowUp", new JsonObject { ["measuresOnTrack"] = request.MeasuresOnTrack }, (db, scope, _) =>
        {
            CaseEntries.Record(db, scope, atHand.Id, Slug, user.StaffId(), ("measuresOnTrack", request.MeasuresOnTrack == true ? "yes" : "no"), ("notes", request.Notes));
            return Task.CompletedTask;
        });
}
