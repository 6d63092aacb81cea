using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.ListCases;

public sealed record NamedChoice(string Value, string Name);

/// <summary>What the case list's filters offer: the user's own units and the officers of those units, by name.</summary>
public sealed class CaseListChoices(ServiceDbContext db)
{
    /// <summary>The user's units (those they may list), by name.</summary>
    public async Task<IReadOnlyList<NamedChoice>> UnitsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var codes = CaseAccess.ListableUnits(user).ToList();
        return codes.Count == 0
            ? []
            : await db.Units.AsNoTracking()
                .Where(u => codes.Contains(u.Code))
                .OrderBy(u => u.Name)
                .Select(u => new NamedChoice(u.Code, u.Name))
                .ToListAsync(cancellationToken);
    }

    /// <summary>The active officers who share a unit with the user, by name: whose cases and meetings the list can be filtered to.</summary>
    public async Task<IReadOnlyList<NamedChoice>> OfficersAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var codes = CaseAccess.ListableUnits(user).ToList();
        return codes.Count == 0
            ? []
            : await db.StaffMembers.AsNoTracking()
                .Where(s => s.DeactivatedAt == null && s.Roles.Contains(Role.Officer) && s.UnitCodes.Any(code => codes.Contains(code)))
                .OrderBy(s => s.DisplayName).ThenBy(s => s.Id)
                .Select(s => new NamedChoice(s.Id, s.DisplayName))
                .ToListAsync(cancellationToken);
    }
}
