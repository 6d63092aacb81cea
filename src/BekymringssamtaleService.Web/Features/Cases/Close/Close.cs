using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Cases;

namespace BekymringssamtaleService.Web.Features.Cases.Close;

public sealed class CloseRequest
{
    public string? Outcome { get; set; }
    public string? Note { get; set; }
}

/// <summary>Closes the case with its outcome; the closing letter goes out and the retention clock starts.</summary>
public sealed class Close : CaseStep<CloseRequest>
{
    public static readonly IReadOnlyList<Choice> Outcomes =
    [
        new("noFurtherConcern", "Ingen videre bekymring"),
        new("measuresCompleted", "Tiltak gjennomført"),
        new("handedOverToChildWelfare", "Overført til barnevernet"),
        new("handedOverToHealthService", "Overført til helsetjenesten"),
        new("handedOverToCoreGroup", "Overført til kjernegruppe"),
        new("declinedByFamily", "Familien takket nei"),
        new("moved", "Flyttet"),
    ];

    public override string Slug => "close";
    public override string Title => "Avslutt saken";
    public override IReadOnlyList<string> Triggers => ["Close"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("outcome", "Utfall", FieldKind.Select, Choices: Outcomes),
        new("note", "Notat", FieldKind.LongText, Required: false),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, CloseRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (!Outcomes.Any(outcome => outcome.Value == request.Outcome))
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
