using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.ListCases;

/// <summary>Filters for the case list; <see cref="After"/> is the cursor from the previous page (keyset paging, newest first).</summary>
public sealed record CaseFilter(string? State, string? Unit, string? Officer, DateTimeOffset? DueBefore, long? After, int? Limit);

public sealed record CaseSummary(Guid Id, string CaseNumber, string UnitCode, string State, string StateTitle, string YouthName, string ResponsibleOfficerId, DateTimeOffset RegisteredAt, DateTimeOffset? NextDue);

/// <summary>A page of cases; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, long? NextCursor);

/// <summary>The cases of the user's own units, filtered, newest first; a blocked case is in no list. The listing is access-logged per unit.</summary>
public sealed class CaseList(ServiceDbContext db, WorkflowCatalog catalog, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<CasePage> ListAsync(ClaimsPrincipal user, CaseFilter filter, CancellationToken cancellationToken)
    {
        var units = CaseAccess.ListableUnits(user);
        if (filter.Unit is not null)
        {
            units = [.. units.Where(unit => unit == filter.Unit)];
        }

        var limit = Math.Clamp(filter.Limit ?? DefaultLimit, 1, MaxLimit);
        var query =
            from concernCase in db.Cases.AsNoTracking()
            join instance in db.WorkflowInstances on concernCase.Id equals instance.Id
            where units.Contains(concernCase.UnitCode) && concernCase.BlockedAt == null
            select new { concernCase, instance };
        if (filter.State is not null)
        {
            query = query.Where(row => row.instance.State == filter.State);
        }

        if (filter.Officer is not null)
        {
            query = query.Where(row => row.concernCase.ResponsibleOfficerId == filter.Officer
                || db.Meetings.Any(m => m.CaseId == row.concernCase.Id && m.Status == MeetingStatus.Booked && m.OfficerIds.Contains(filter.Officer)));
        }

        if (filter.DueBefore?.ToUniversalTime() is { } dueBefore)
        {
            query = query.Where(row => db.WorkflowTasks.Any(t => t.InstanceId == row.concernCase.Id && t.Status == UserTaskStatus.Open && t.DueAt <= dueBefore));
        }

        if (filter.After is { } after)
        {
            query = query.Where(row => row.concernCase.Number < after);
        }

        var rows = await query
            .OrderByDescending(row => row.concernCase.Number)
            .Take(limit + 1)
            .Select(row => new
            {
                row.concernCase.Id,
                row.concernCase.Number,
                row.concernCase.UnitCode,
                row.instance.State,
                row.concernCase.Youth.GivenName,
                row.concernCase.Youth.FamilyName,
                row.concernCase.ResponsibleOfficerId,
                row.concernCase.RegisteredAt,
                NextDue = db.WorkflowTasks.Where(t => t.InstanceId == row.concernCase.Id && t.Status == UserTaskStatus.Open).Min(t => (DateTimeOffset?)t.DueAt),
            })
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list", now);
        }

        await db.SaveChangesAsync(cancellationToken);
        var definition = catalog.Get(CaseWorkflow.Name);
        var page = rows.Take(limit).Select(r => new CaseSummary(
            r.Id, CaseNumbers.Format(r.Number), r.UnitCode, r.State, definition.State(r.State).Title, $"{r.GivenName} {r.FamilyName}", r.ResponsibleOfficerId, r.RegisteredAt, r.NextDue)).ToList();
        return new CasePage(page, rows.Count > limit ? rows[limit - 1].Number : null);
    }
}
