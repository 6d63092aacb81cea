using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

/// <summary>
/// What an Admin manages: the staff who have a unit among the Admin's own units, and those units. The Admin's units are
/// read from the register at each request, not from the sign-in cookie, so a change is in force at once.
/// </summary>
public sealed class AdminScope
{
    private AdminScope(string staffId, IReadOnlySet<string> unitCodes)
    {
        StaffId = staffId;
        UnitCodes = unitCodes;
    }

    /// <summary>The Admin acting.</summary>
    public string StaffId { get; }

    public IReadOnlySet<string> UnitCodes { get; }

    public static async Task<AdminScope> LoadAsync(ServiceDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var staffId = user.StaffId();
        var units = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Id == staffId && s.DeactivatedAt == null && s.Roles.Contains(Role.Admin))
            .Select(s => s.UnitCodes)
            .SingleOrDefaultAsync(cancellationToken);
        return new AdminScope(staffId, new HashSet<string>(units ?? [], StringComparer.Ordinal));
    }

    public bool Manages(StaffMember staff) => staff.UnitCodes.Any(UnitCodes.Contains);

    public bool IsSelf(StaffMember staff) => staff.Id == StaffId;

    /// <summary>The staff this Admin manages, for a query.</summary>
    public IQueryable<StaffMember> Staff(ServiceDbContext db)
    {
        var units = UnitCodes.ToList();
        return db.StaffMembers.Where(s => s.UnitCodes.Any(unit => units.Contains(unit)));
    }
}
