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
    /// Several reads of one case by a user, written at once, in the order given: one statement, where saving an
    /// <see cref="Add(ServiceDbContext, ClaimsPrincipal, string?, Guid?, string, DateTimeOffset, AccessPurpose, string?)"/>
    /// per read is one statement each. The caller writes them before it reads.
    /// </summary>
    public static Task WriteReadsAsync(
        ServiceDbContext db, ClaimsPrincipal user, string unitCode, Guid caseId, IReadOnlyList<string> actions, DateTimeOffset at,
        AccessPurpose purpose, string? statedPurpose, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO access_log (at, staff_id, unit_code, case_id, action, purpose, stated_purpose)
            SELECT {at}, {user.StaffId()}, {unitCode}, {caseId}, reads.action, {purpose.WireName()}, CAST({statedPurpose} AS varchar)
            FROM unnest({actions.ToArray()}) WITH ORDINALITY AS reads (action, ordinal)
            ORDER BY reads.ordinal
            """,
            cancellationToken);
}
