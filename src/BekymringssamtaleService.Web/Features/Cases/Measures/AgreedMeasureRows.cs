using System.ComponentModel.DataAnnotations;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Measures;

/// <summary>A measure from the catalog as the officer agrees it, in the API's request and in a row of the page's form.</summary>
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

/// <summary>
/// The rules every agreed measure follows, whether agreed after the mapping or added later: a catalog entry, who is
/// responsible, start and due dates, and — where the catalog says the measure requires consent — who consented and when.
/// </summary>
public sealed class AgreedMeasureRows(ServiceDbContext catalog)
{
    /// <summary>The form fields of one measure row; <paramref name="path"/> is its JSON path ("measures[1]").</summary>
    public static IEnumerable<FormField> Fields(string path, string labelPrefix, bool required) =>
    [
        new($"{path}.code", $"{labelPrefix}Tiltak", FieldKind.Measure, Required: required),
        new($"{path}.responsible", $"{labelPrefix}Ansvarlig (virksomhet eller person)", FieldKind.Text, Required: required),
        new($"{path}.consentGivenBy[0]", $"{labelPrefix}Samtykke gitt av", FieldKind.Text, Required: false, Hint: "Påkrevd for tiltak som krever samtykke."),
        new($"{path}.consentGivenOn", $"{labelPrefix}Samtykke gitt dato", FieldKind.Date, Required: false),
        new($"{path}.consentScope", $"{labelPrefix}Samtykket gjelder (hva som kan deles, og med hvem)", FieldKind.Text, Required: false),
        new($"{path}.startsOn", $"{labelPrefix}Startdato", FieldKind.Date, Required: required),
        new($"{path}.dueOn", $"{labelPrefix}Frist", FieldKind.Date, Required: required),
    ];

    /// <summary>Field errors of the measures, keyed "{path}[{index}].field" ("measure.code" when <paramref name="path"/> names one).</summary>
    public async Task ValidateAsync(IReadOnlyList<AgreedMeasureInput> measures, Func<int, string> path, FieldErrors errors, CancellationToken cancellationToken)
    {
        var codes = measures.Select(m => m.Code).OfType<string>().ToList();
        var known = await catalog.Measures.AsNoTracking().Where(m => codes.Contains(m.Code)).ToDictionaryAsync(m => m.Code, cancellationToken);
        for (var index = 0; index < measures.Count; index++)
        {
            var measure = measures[index];
            var field = path(index);
            if (measure.Code is null || !known.TryGetValue(measure.Code, out var entry))
            {
                errors.Add($"{field}.code", "Velg et tiltak fra katalogen.");
            }
            else if (entry.RequiresConsent && (measure.ConsentGivenBy.All(string.IsNullOrWhiteSpace) || measure.ConsentGivenOn is null))
            {
                errors.Add($"{field}.consentGivenBy", "Tiltaket krever samtykke: skriv hvem som har samtykket, og når.");
            }

            errors.Required($"{field}.responsible", measure.Responsible);
            foreach (var (name, position) in measure.ConsentGivenBy.Select((name, position) => (name, position)))
            {
                errors.MaxLength($"{field}.consentGivenBy[{position}]", name);
            }

            errors.MaxLength($"{field}.consentScope", measure.ConsentScope, 1000);
            errors.Required($"{field}.startsOn", measure.StartsOn);
            errors.Required($"{field}.dueOn", measure.DueOn);
            if (measure.StartsOn > measure.DueOn)
            {
                errors.Add($"{field}.dueOn", "Fristen kan ikke være før startdatoen.");
            }
        }
    }

    /// <summary>The measure as agreed now: planned until its status is changed.</summary>
    public static AgreedMeasure Agreed(AgreedMeasureInput input, Guid caseId, string agreedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CaseId = caseId,
        MeasureCode = input.Code!,
        Responsible = input.Responsible!.Trim(),
        ConsentGivenBy = [.. input.ConsentGivenBy.Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name.Trim())],
        ConsentGivenOn = input.ConsentGivenOn,
        ConsentScope = string.IsNullOrWhiteSpace(input.ConsentScope) ? null : input.ConsentScope.Trim(),
        StartsOn = input.StartsOn!.Value,
        DueOn = input.DueOn!.Value,
        Status = MeasureStatus.Planned,
        AgreedBy = agreedBy,
        AgreedAt = now,
    };
}
