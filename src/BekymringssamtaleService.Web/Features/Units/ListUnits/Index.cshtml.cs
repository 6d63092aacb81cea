using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.StaffRegister;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Units.ListUnits;

/// <summary>The units an Admin manages (/admin/enheter), per police district, active and deactivated.</summary>
[ForRoles(Role.Admin)]
public sealed class IndexModel(ServiceDbContext db) : PageModel
{
    [TempData(Key = StaffRegisterPages.NoticeKey)]
    public string? Notice { get; set; }

    public IReadOnlyList<DistrictUnits> Districts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var codes = (await AdminScope.LoadAsync(db, User, cancellationToken)).UnitCodes.ToList();
        var units = await db.Units.AsNoTracking()
            .Where(u => codes.Contains(u.Code))
            .Join(db.PoliceDistricts, u => u.DistrictCode, d => d.Code, (u, d) => new { Unit = u, District = d.Name })
            .ToListAsync(cancellationToken);
        Districts = [.. units
            .GroupBy(u => u.District)
            .OrderBy(group => group.Key)
            .Select(group => new DistrictUnits(group.Key, [.. group.Select(u => u.Unit).OrderBy(u => u.Name)]))];
    }

    public sealed record DistrictUnits(string Name, IReadOnlyList<Domain.Units.Unit> Units);
}
