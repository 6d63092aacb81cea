using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.AgreeMeasures;

public sealed class AgreeMeasuresRequest
{
    [MaxLength(20)]
    public List<AgreedMeasureInput> Measures { get; set; } = [];

    /// <summary>Whether the duty to inform child welfare (opplysningsplikt) applies: creates a task to send the report.</summary>
    public bool DutyToInform { get; set; }
}

public sealed class AgreedMeasureInput
{
    public string? Code { get; set; }
    public string? Responsible { get; set; }

    [MaxLength(10)]
    public List<string> ConsentGivenBy { get; set; } = [];
    public DateOnly? ConsentGivenOn { get; set; }

    [FreeText]
    [MaxLength(1000)]
    public string? ConsentScope { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? DueOn { get; set; }
}

/// <summary>Measures from the catalog, each with who is responsible, consent where the measure needs it, and dates; a summary letter follows.</summary>
public sealed class AgreeMeasures(ServiceDbContext catalog) : CaseStep<AgreeMeasuresRequest>
{
    public override string Slug => "agree-measures";
    public override string Title => "Avtal tiltak";
    public override IReadOnlyList<string> Triggers => ["AgreeMeasures"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("measures[0].code", "Tiltak", FieldKind.Measure),
        new("measures[0].responsible", "Ansvarlig (virksomhet eller person)", FieldKind.Text),
        new("measures[0].consentGivenBy[0]", "Samtykke gitt av", FieldKind.Text, Required: false, Hint: "Påkrevd for tiltak som krever samtykke."),
        new("measures[0].consentGivenOn", "Samtykke gitt dato", FieldKind.Date, Required: false),
        new("measures[0].consentScope", "Samtykket gjelder (hva som kan deles, og med hvem)", FieldKind.Text, Required: false),
        new("measures[0].startsOn", "Startdato", FieldKind.Date),
        new("measures[0].dueOn", "Frist", FieldKind.Date),
        new("dutyToInform", "Opplysningsplikt til barnevernet?", FieldKind.YesNo),
    ];

    public override async Task ValidateAsync(CaseAtHand atHand, AgreeMeasuresRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (request.Measures.Count == 0)
        {
            errors.Add("measures", "Avtal minst ett tiltak.");
        }

        var codes = request.Measures.Select(m => m.Code).OfType<string>().ToList();
        var known = await catalog.Measures.AsNoTracking().Where(m => codes.Contains(m.Code)).ToDictionaryAsync(m => m.Code, cancellationToken);
        for (var index = 0; index < request.Measures.Count; index++)
        {
            var measure = request.Measures[index];
            var field = $"measures[{index}]";
            if (measure.Code is null || !known.TryGetValue(measure.Code, out var entry))
            {
                errors.Add($"{field}.code", "Velg et tiltak fra katalogen.");
            }
            else if (entry.RequiresConsent && (measure.ConsentGivenBy.All(string.IsNullOrWhiteSpace) || measure.ConsentGivenOn is null))
            {
                errors.Add($"{field}.consentGivenBy", "Tiltaket krever samtykke: skriv hvem som har samtykket, og når.");
            }

            errors.Required($"{field}.responsible", measure.Responsible);
            errors.MaxLength($"{field}.consentScope", measure.ConsentScope, 1000);
            errors.Required($"{field}.startsOn", measure.StartsOn);
            errors.Required($"{field}.dueOn", measure.DueOn);
            if (measure.StartsOn > measure.DueOn)
            {
                errors.Add($"{field}.dueOn", "Fristen kan ikke være før startdatoen.");
            }
        }
    }

    public override StepFiring Fire(CaseAtHand atHand, AgreeMeasuresRequest request, ClaimsPrincipal user)
    {
        var input = new JsonObject { ["measureCount"] = request.Measures.Count, ["dutyToInform"] = request.DutyToInform };
        return new StepFiring("AgreeMeasures", input, (db, scope, _) =>
        {
            db.AgreedMeasures.AddRange(request.Measures.Select(m => new AgreedMeasure
            {
                Id = Guid.CreateVersion7(scope.Now),
                CaseId = atHand.Id,
                MeasureCode = m.Code!,
                Responsible = m.Responsible!.Trim(),
                ConsentGivenBy = [.. m.ConsentGivenBy.Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name.Trim())],
                ConsentGivenOn = m.ConsentGivenOn,
                ConsentScope = string.IsNullOrWhiteSpace(m.ConsentScope) ? null : m.ConsentScope.Trim(),
                StartsOn = m.StartsOn!.Value,
                DueOn = m.DueOn!.Value,
                Status = MeasureStatus.Planned,
                AgreedBy = user.StaffId(),
                AgreedAt = scope.Now,
            }));
            return Task.CompletedTask;
        });
    }
}
