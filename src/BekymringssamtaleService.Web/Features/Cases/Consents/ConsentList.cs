using System.Security.Claims;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Consents;

/// <summary>Reads the consent records of a case the gate let the user through to; the read is written to the access log first.</summary>
public sealed class ConsentList(ServiceDbContext db, TimeProvider time)
{
    public async Task<CaseConsentsView> ReadAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        AccessLog.Add(db, user, atHand.UnitCode, atHand.Id, "read-consents", now);
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(db, atHand.Id, OsloTime.Today(now), cancellationToken);
    }

    /// <summary>The consents as the case page and the API show them, for a reader the gate has let through.</summary>
    public static async Task<CaseConsentsView> ViewAsync(ServiceDbContext db, Guid caseId, DateOnly today, CancellationToken cancellationToken)
    {
        var consents = await CaseConsents.LoadAsync(db, caseId, cancellationToken);
        var ids = consents.StaffIds;
        var names = await db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        return consents.View(today, names);
    }
}
