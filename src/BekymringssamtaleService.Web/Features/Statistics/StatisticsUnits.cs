using System.Security.Claims;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Statistics;

/// <summary>The units a Lead may read statistics of, by name, in the register's order.</summary>
public static class StatisticsUnits
{
    public static async Task<IReadOnlyList<(string Code, string Name)>> OfAsync(ServiceDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var codes = CaseAccess.ListableUnits(user);
        var units = await db.Units.AsNoTracking()
            .Where(unit => codes.Contains(unit.Code))
            .OrderBy(unit => unit.Name)
            .Select(unit => new { unit.Code, unit.Name })
            .ToListAsync(cancellationToken);
        return [.. units.Select(unit => (unit.Code, unit.Name))];
    }
}
