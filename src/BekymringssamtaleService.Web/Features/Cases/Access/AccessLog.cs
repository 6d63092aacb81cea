using System.Security.Claims;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;

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

    /// <summary>A row for who is not a signed-in person: the operations commands' identity.</summary>
    public static void Add(
        ServiceDbContext db, string staffId, string? unitCode, Guid? caseId, string action, DateTimeOffset at,
        AccessPurpose purpose, string? statedPurpose = null) =>
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
}
