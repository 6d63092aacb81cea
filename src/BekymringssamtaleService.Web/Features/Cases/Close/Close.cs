using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Close;

public sealed class CloseRequest
{
    public string? Outcome { get; set; }

    [FreeText]
    public string? Note { get; set; }
}

/// <summary>Closes the case with its outcome; the closing letter goes out and the retention clock starts.</summary>
public sealed class Close : CaseStep<CloseRequest>
{
    public static readonly IReadOnlyList<(CloseOutcome Outcome, string Label)> Outcomes =
    [
        (CloseOutcome.NoFurtherConcern, "Ingen videre bekymring"),
        (CloseOutcome.MeasuresCompleted, "Tiltak gjennomført"),
        (CloseOutcome.HandedOverToChildWelfare, "Overført til barnevernet"),
        (CloseOutcome.HandedOverToHealthService, "Overført til helsetjenesten"),
        (CloseOutcome.HandedOverToCoreGroup, "Overført til kjernegruppe"),
        (CloseOutcome.DeclinedByFamily, "Familien takket nei"),
        (CloseOutcome.Moved, "Flyttet"),
    ];

    public override string Slug => "close";
    public override string Title => "Avslutt saken";
    public override IReadOnlyList<string> Triggers => ["Close"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("outcome", "Utfall", FieldKind.Select, Choices: [.. Outcomes.Select(o => new Choice(o.Outcome.WireName(), o.Label))]),
        new("note", "Notat", FieldKind.LongText, Required: false),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, CloseRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (CloseOutcomeNames.FromWireName(request.Outcome) is null)
        {
            errors.Add("outcome", "Velg et utfall.");
        }

        errors.MaxLength("note", request.Note, FieldErrors.LongText);
        return Task.CompletedTask;
    }

    public override StepFiring Fire(CaseAtHand atHand, CloseRequest request, ClaimsPrincipal user) =>
        new("Close", new JsonObject { ["outcome"] = request.Outcome }, (db, scope, _) =>
        {
            CaseEntries.Record(db, scope, atHand.Id, Slug, user.StaffId(), ("outcome", request.Outcome), ("note", request.Note));
            return Task.CompletedTask;
        });
}
