using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Measures;

/// <summary>A measure from the catalog as the officer agrees it, in the API's request and in a row of the page's form.</summary>
public sealed class AgreedMeasureInput
{
    public string? Code { get; set; }
    public string? Responsible { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? DueOn { get; set; }
}

/// <summary>
/// The rules every agreed measure follows, whether agreed after the mapping or added later: a catalog entry, who is
/// responsible, start and due dates, and — where the catalog says the measure requires consent — a valid consent in
/// the case's consent records to the sharing it rests on (or, for child welfare, a recorded duty to inform).
/// </summary>
public sealed class AgreedMeasureRows(ServiceDbContext db, TimeProvider time)
{
    /// <summary>
    /// The form fields of one measure row; <paramref name="path"/> is its JSON path ("measures[1]"), <paramref name="group"/>
    /// the legend of its fieldset where a form has several rows ("Tiltak 2").
    /// </summary>
    public static IEnumerable<FormField> Fields(string path, string? group, bool required) =>
    [
        new($"{path}.code", "Tiltak", FieldKind.Measure, Required: required, Hint: "Tiltak som krever samtykke kan bare avtales når samtykket er registrert i saken.", Group: group),
        new($"{path}.responsible", "Ansvarlig (virksomhet eller person)", FieldKind.Text, Required: required, Group: group),
        new($"{path}.startsOn", "Startdato", FieldKind.Date, Required: required, Group: group),
        new($"{path}.dueOn", "Frist", FieldKind.Date, Required: required, Group: group),
    ];

    /// <summary>Field errors of the measures, keyed "{path}[{index}].field" ("measure.code" when <paramref name="path"/> names one).</summary>
    public async Task ValidateAsync(Guid caseId, IReadOnlyList<AgreedMeasureInput> measures, Func<int, string> path, FieldErrors errors, CancellationToken cancellationToken)
    {
        var codes = measures.Select(m => m.Code).OfType<string>().ToList();
        var known = await db.Measures.AsNoTracking().Where(m => codes.Contains(m.Code)).Select(m => m.Code).ToListAsync(cancellationToken);
        var lacking = await LackingConsentAsync(db, caseId, codes, OsloTime.Today(time.GetUtcNow()), cancellationToken);
        for (var index = 0; index < measures.Count; index++)
        {
            var measure = measures[index];
            var field = path(index);
            if (measure.Code is null || !known.Contains(measure.Code))
            {
                errors.Add($"{field}.code", "Velg et tiltak fra katalogen.");
            }
            else if (lacking.TryGetValue(measure.Code, out var reason))
            {
                errors.Add($"{field}.code", reason);
            }

            errors.Required($"{field}.responsible", measure.Responsible);
            errors.Required($"{field}.startsOn", measure.StartsOn);
            errors.Required($"{field}.dueOn", measure.DueOn);
            if (measure.StartsOn > measure.DueOn)
            {
                errors.Add($"{field}.dueOn", "Fristen kan ikke være før startdatoen.");
            }
        }
    }

    /// <summary>
    /// The consent check again, inside the step's transaction: a consent withdrawn between the form's check and the
    /// step refuses the step (as a field error) rather than agree a measure on a consent no longer there.
    /// </summary>
    public static async Task RequireConsentAsync(
        ServiceDbContext transactionDb, Guid caseId, IReadOnlyList<AgreedMeasureInput> measures, Func<int, string> path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lacking = await LackingConsentAsync(transactionDb, caseId, [.. measures.Select(m => m.Code!)], OsloTime.Today(now), cancellationToken);
        for (var index = 0; index < measures.Count; index++)
        {
            if (lacking.TryGetValue(measures[index].Code!, out var reason))
            {
                throw new StepRefusedException($"{path(index)}.code", reason);
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
        StartsOn = input.StartsOn!.Value,
        DueOn = input.DueOn!.Value,
        Status = MeasureStatus.Planned,
        AgreedBy = agreedBy,
        AgreedAt = now,
    };

    /// <summary>For each of the codes whose catalog entry requires consent the case lacks on the day: why, naming who has not consented.</summary>
    private static async Task<Dictionary<string, string>> LackingConsentAsync(
        ServiceDbContext source, Guid caseId, IReadOnlyCollection<string> codes, DateOnly day, CancellationToken cancellationToken)
    {
        var resting = await source.Measures.AsNoTracking()
            .Where(m => codes.Contains(m.Code) && m.RequiresConsent && m.ConsentSharing != null)
            .Select(m => new { m.Code, m.Name.Nb, Sharing = m.ConsentSharing!.Value })
            .ToListAsync(cancellationToken);
        if (resting.Count == 0)
        {
            return [];
        }

        var consents = await CaseConsents.LoadAsync(source, caseId, cancellationToken);
        return resting
            .Select(m => (m.Code, m.Nb, Lacking: consents.Lacking(m.Sharing, day)))
            .Where(m => m.Lacking is not null)
            .ToDictionary(m => m.Code, m => $"{m.Nb} krever samtykke. {m.Lacking}");
    }
}
