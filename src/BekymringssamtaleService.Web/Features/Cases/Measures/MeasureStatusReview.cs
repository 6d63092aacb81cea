using System.Globalization;
using System.Text.Json;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Measures;

/// <summary>
/// The statuses the officer gives the case's measures (by measure id) when a follow-up is recorded or on their own:
/// a measure left out keeps its status.
/// </summary>
public static class MeasureStatusReview
{
    public const string FieldName = "measureStatuses";

    public static FormField Field(string label) => new(FieldName, label, FieldKind.MeasureStatuses, Required: false);

    public static string Path(Guid measureId) => $"{FieldName}.{measureId.ToString("D", CultureInfo.InvariantCulture)}";

    public static async Task ValidateAsync(
        ServiceDbContext db, Guid caseId, IReadOnlyDictionary<Guid, MeasureStatus> statuses, FieldErrors errors, CancellationToken cancellationToken)
    {
        var ids = statuses.Keys.ToList();
        var found = await db.AgreedMeasures.AsNoTracking().Where(m => m.CaseId == caseId && ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        foreach (var unknown in ids.Except(found))
        {
            errors.Add(Path(unknown), "Tiltaket finnes ikke i saken.");
        }
    }

    public static async Task ApplyAsync(ServiceDbContext db, Guid caseId, IReadOnlyDictionary<Guid, MeasureStatus> statuses, CancellationToken cancellationToken)
    {
        var ids = statuses.Keys.ToList();
        var measures = await db.AgreedMeasures.Where(m => m.CaseId == caseId && ids.Contains(m.Id)).ToListAsync(cancellationToken);
        measures.ForEach(measure => measure.Status = statuses[measure.Id]);
    }

    /// <summary>What the statuses are called on the pages.</summary>
    public static string Word(MeasureStatus status) => status switch
    {
        MeasureStatus.Planned => "Planlagt",
        MeasureStatus.Started => "Startet",
        MeasureStatus.Completed => "Fullført",
        MeasureStatus.Stopped => "Stoppet",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static IReadOnlyList<Choice> Choices { get; } =
        [.. Enum.GetValues<MeasureStatus>().Select(status => new Choice(JsonNamingPolicy.CamelCase.ConvertName(status.ToString()), Word(status)))];
}
