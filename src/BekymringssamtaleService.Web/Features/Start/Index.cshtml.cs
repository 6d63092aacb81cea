using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Start;

/// <summary>The start page after login: who is signed in, with which roles, in which units.</summary>
public sealed class IndexModel(ServiceDbContext db) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DisplayName = User.Identity?.Name ?? "";
        Roles = [.. User.Roles().Select(RoleNames.Norwegian)];
        var unitCodes = User.UnitCodes();
        Units = await db.Units
            .Where(unit => unitCodes.Contains(unit.Code))
            .Join(db.PoliceDistricts, unit => unit.DistrictCode, district => district.Code,
                (unit, district) => new { UnitName = unit.Name, DistrictName = district.Name })
            .OrderBy(row => row.DistrictName).ThenBy(row => row.UnitName)
            .Select(row => new UnitRow(row.UnitName, row.DistrictName))
            .ToListAsync(cancellationToken);
    }

    public sealed record UnitRow(string UnitName, string DistrictName);
}
