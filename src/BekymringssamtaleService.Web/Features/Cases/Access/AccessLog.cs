using System.Security.Claims;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Access;

/// <summary>
/// Every read and write of case data leaves a row: who, the case's unit, when, which case, what and why. Writes add
/// their row inside the step's own transaction; reads save theirs before the data is shown.
/// </summary>
public static class AccessLog
{
    public static void Add(
        ServiceDbContext db, ClaimsPrincipal user, string? unitCode, Guid? caseId, string action, DateTimeOffset at,
        AccessPurpose purpose = AccessPurpose.Casework, string? statedPurpose = null) =>
        Add(db, user.StaffId(), unitCode, caseId, action, at, purpose, statedPurpose);

    /// <summary>An access by whoever <paramref name="staffId"/> names: a person, or a system identity (the import-staff command).</summary>
    public static void Add(
        ServiceDbContext db, string staffId, string? unitCode, Guid? caseId, string action, DateTimeOffset at,
        AccessPurpose purpose = AccessPurpose.Casework, string? statedPurpose = null) =>
        db.AccessLog.Add(new AccessLogEntry
        {
            At = at,
            StaffId = staffId,
            UnitCode = unitCode,
            CaseId = caseId,
            Action = action,
            Purpose = purpose.WireName(),
            StatedPurpose = statedPurpose,
        });

    /// <summary>
    /// Writes every access-log row added to <paramref name="db"/> and not yet saved in one statement, in the order they
    /// were added, and leaves the rest of the context unsaved. A page that logs several reads or lists (the case page's
    /// case, timeline, letters and tasks; Min dag's lists per unit) writes them at once this way: EF Core saves each
    /// added row as a statement of its own.
    /// </summary>
    public static async Task SaveAddedAsync(ServiceDbContext db, CancellationToken cancellationToken)
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
            SELECT at, staff_id, unit_code, case_id, action, purpose, stated_purpose
            FROM unnest(
                {rows.Select(row => row.At).ToArray()}, {rows.Select(row => row.StaffId).ToArray()}, {rows.Select(row => row.UnitCode).ToArray()},
                {rows.Select(row => row.CaseId).ToArray()}, {rows.Select(row => row.Action).ToArray()}, {rows.Select(row => row.Purpose).ToArray()},
                {rows.Select(row => row.StatedPurpose).ToArray()}) WITH ORDINALITY
                AS added (at, staff_id, unit_code, case_id, action, purpose, stated_purpose, ordinal)
            ORDER BY ordinal
            """,
            cancellationToken);
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }
    }
}
