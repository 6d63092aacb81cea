using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.StaffRegister.ListStaff;

/// <summary>
/// The staff register (/admin/ansatte): the staff an Admin manages, searched by name or staff id, active or
/// deactivated, with their roles and the names of their units. Any other role gets the 404 of a page that does not exist.
/// </summary>
[ForRoles(Role.Admin)]
public sealed class IndexModel(ServiceDbContext db) : PageModel
{
    public const int MostShown = 200;

    [BindProperty(SupportsGet = true, Name = "sok")]
    public string? Search { get; set; }

    /// <summary>"aktive" (the default), "deaktiverte" or "alle".</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [TempData(Key = StaffRegisterPages.NoticeKey)]
    public string? Notice { get; set; }

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public bool MoreThanShown { get; private set; }

    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
        [("aktive", "Aktive"), ("deaktiverte", "Deaktiverte"), ("alle", "Alle")];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status = Statuses.Any(status => status.Value == Status) ? Status : "aktive";
        var scope = await AdminScope.LoadAsync(db, User, cancellationToken);
        var query = scope.Staff(db).AsNoTracking();
        query = Status switch
        {
            "aktive" => query.Where(s => s.DeactivatedAt == null),
            "deaktiverte" => query.Where(s => s.DeactivatedAt != null),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(Search))
        {
            // Part of the name or id, any case; the search's own % and _ are letters, not wildcards.
            var pattern = "%" + Search.Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            query = query.Where(s => EF.Functions.ILike(s.DisplayName, pattern, @"\") || EF.Functions.ILike(s.Id, pattern, @"\"));
        }

        var staff = await query.OrderBy(s => s.DisplayName).ThenBy(s => s.Id).Take(MostShown + 1).ToListAsync(cancellationToken);
        MoreThanShown = staff.Count > MostShown;
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Name, cancellationToken);
        Staff = [.. staff.Take(MostShown).Select(s => new StaffRow(
            s.Id,
            s.DisplayName,
            string.Join(", ", s.Roles.Order().Select(RoleNames.Norwegian)),
            string.Join(", ", s.UnitCodes.Select(code => unitNames.GetValueOrDefault(code, code)).Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), false))),
            s.ExternalSubject is not null,
            s.IsActive))];
    }

    public sealed record StaffRow(string Id, string DisplayName, string Roles, string Units, bool Linked, bool Active);
}
