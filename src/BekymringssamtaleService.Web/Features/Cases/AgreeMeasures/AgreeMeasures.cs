using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Measures;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.AgreeMeasures;

public sealed class AgreeMeasuresRequest
{
    [MaxLength(20)]
    public List<AgreedMeasureInput> Measures { get; set; } = [];

    /// <summary>Whether the duty to inform child welfare (opplysningsplikt) applies: creates a task to send the report.</summary>
    public bool DutyToInform { get; set; }
}

/// <summary>Measures from the catalog, each with who is responsible and dates, on a valid consent where the measure needs one; a summary letter follows.</summary>
public sealed class AgreeMeasures(AgreedMeasureRows rows) : CaseStep<AgreeMeasuresRequest>
{
    /// <summary>Rows on the page; a row left blank is no measure, and more can be added later with «Legg til tiltak».</summary>
    public const int FormRows = 3;

    public override string Slug => "agree-measures";
    public override string Title => "Avtal tiltak";
    public override IReadOnlyList<string> Triggers => ["AgreeMeasures"];

    public override IReadOnlyList<FormField> Form =>
    [
        .. Enumerable.Range(0, FormRows).SelectMany(index => AgreedMeasureRows.Fields($"measures[{index}]", $"Tiltak {index + 1}", required: index == 0)),
        new("dutyToInform", "Opplysningsplikt til barnevernet?", FieldKind.YesNo),
    ];

    public override async Task ValidateAsync(CaseAtHand atHand, AgreeMeasuresRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (request.Measures.Count == 0)
        {
            errors.Add("measures", "Avtal minst ett tiltak.");
        }

        await rows.ValidateAsync(atHand.Id, request.Measures, index => $"measures[{index}]", errors, cancellationToken);
    }

    public override StepFiring Fire(CaseAtHand atHand, AgreeMeasuresRequest request, ClaimsPrincipal user)
    {
        var input = new JsonObject { ["measureCount"] = request.Measures.Count, ["dutyToInform"] = request.DutyToInform };
        return new StepFiring("AgreeMeasures", input, async (db, scope, token) =>
        {
            await AgreedMeasureRows.RequireConsentAsync(db, atHand.Id, request.Measures, index => $"measures[{index}]", scope.Now, token);
            db.AgreedMeasures.AddRange(request.Measures.Select(m => AgreedMeasureRows.Agreed(m, atHand.Id, user.StaffId(), scope.Now)));
        });
    }
}
