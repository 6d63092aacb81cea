using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.Steps;

public static class CaseEntries
{
    /// <summary>Records what the officer wrote with a step (reasons, notes), leaving out empty fields.</summary>
    public static void Record(ServiceDbContext db, TransitionScope scope, Guid caseId, string step, string staffId, params (string Name, string? Value)[] details) =>
        db.CaseEntries.Add(new CaseEntry
        {
            CaseId = caseId,
            Step = step,
            RecordedBy = staffId,
            RecordedAt = scope.Now,
            Details = details.Where(d => !string.IsNullOrWhiteSpace(d.Value)).ToDictionary(d => d.Name, d => d.Value!.Trim()),
        });
}
