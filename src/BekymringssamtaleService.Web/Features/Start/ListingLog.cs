using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Start;

/// <summary>
/// Saves the access-log rows the start page's lists added (one per unit and list) as a single INSERT: EF Core writes
/// each added row as a statement of its own, and the page is read by everyone, many times a day.
/// </summary>
internal static class ListingLog
{
    public static async Task SaveAsync(ServiceDbContext db, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<AccessLogEntry>().Where(entry => entry.State == EntityState.Added).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var rows = added.ConvertAll(entry => entry.Entity);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO access_log (at, staff_id, unit_code, case_id, action, purpose, stated_purpose)
            SELECT * FROM unnest(
                {rows.Select(row => row.At).ToArray()}, {rows.Select(row => row.StaffId).ToArray()}, {rows.Select(row => row.UnitCode).ToArray()},
                {rows.Select(row => row.CaseId).ToArray()}, {rows.Select(row => row.Action).ToArray()}, {rows.Select(row => row.Purpose).ToArray()},
                {rows.Select(row => row.StatedPurpose).ToArray()})
            """,
            cancellationToken);
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }
    }
}
