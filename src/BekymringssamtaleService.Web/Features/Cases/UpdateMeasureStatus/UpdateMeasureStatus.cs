using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Measures;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.UpdateMeasureStatus;

public sealed class UpdateMeasureStatusRequest
{
    /// <summary>The new status of each measure named, by its id; a measure left out keeps its status.</summary>
    public Dictionary<Guid, MeasureStatus> MeasureStatuses { get; set; } = [];

    public string? Note { get; set; }
}

/// <summary>Keeps the measures' status (planned, started, completed, stopped) between follow-up conversations.</summary>
public sealed class UpdateMeasureStatus(ServiceDbContext db) : CaseStep<UpdateMeasureStatusRequest>
{
    public override string Slug => "update-measure-status";
    public override string Title => "Oppdater status for tiltak";
    public override StepWeight Weight => StepWeight.Beside;
    public override IReadOnlyList<string> Triggers => ["UpdateMeasureStatus"];

    public override IReadOnlyList<FormField> Form =>
    [
        MeasureStatusReview.Field("Status for tiltakene"),
        new("note", "Notat", FieldKind.LongText, Required: false),
    ];

    public override async Task ValidateAsync(CaseAtHand atHand, UpdateMeasureStatusRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (request.MeasureStatuses.Count == 0)
        {
            errors.Add(MeasureStatusReview.FieldName, "Gi minst ett tiltak en status.");
        }

        errors.MaxLength("note", request.Note, FieldErrors.LongText);
        await MeasureStatusReview.ValidateAsync(db, atHand.Id, request.MeasureStatuses, errors, cancellationToken);
    }

    public override StepFiring Fire(CaseAtHand atHand, UpdateMeasureStatusRequest request, ClaimsPrincipal user) =>
        new("UpdateMeasureStatus", [], async (transactionDb, scope, token) =>
        {
            await MeasureStatusReview.ApplyAsync(transactionDb, atHand.Id, request.MeasureStatuses, token);
            CaseEntries.Record(transactionDb, scope, atHand.Id, Slug, user.StaffId(), ("note", request.Note));
        });
}
