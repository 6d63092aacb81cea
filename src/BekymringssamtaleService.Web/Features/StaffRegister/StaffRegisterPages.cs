using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

/// <summary>What the staff register's pages share: the notice after a change and the choices of the details form.</summary>
public static class StaffRegisterPages
{
    public const string NoticeKey = "StaffRegisterNotice";

    /// <summary>The units an Admin may give, by district; a deactivated one only to someone who has it already.</summary>
    public static async Task<IReadOnlyList<UnitChoice>> UnitChoicesAsync(
        ServiceDbContext db, AdminScope scope, IReadOnlyCollection<string> held, CancellationToken cancellationToken)
    {
        var codes = scope.UnitCodes.ToList();
        var units = await db.Units.AsNoTracking()
            .Where(u => codes.Contains(u.Code))
            .Join(db.PoliceDistricts, u => u.DistrictCode, d => d.Code, (u, d) => new { u.Code, u.Name, District = d.Name, u.DeactivatedAt })
            .OrderBy(u => u.District).ThenBy(u => u.Name)
            .ToListAsync(cancellationToken);
        return [.. units
            .Where(u => u.DeactivatedAt == null || held.Contains(u.Code))
            .Select(u => new UnitChoice(u.Code, u.Name, u.District, u.DeactivatedAt == null))];
    }

    /// <summary>The names of the units a person has that the Admin does not manage: shown, kept, not changed here.</summary>
    public static async Task<IReadOnlyList<string>> UnitsOutsideScopeAsync(
        ServiceDbContext db, AdminScope scope, IReadOnlyCollection<string> held, CancellationToken cancellationToken)
    {
        var outside = held.Where(code => !scope.UnitCodes.Contains(code)).ToList();
        return outside.Count == 0
            ? []
            : await db.Units.AsNoTracking().Where(u => outside.Contains(u.Code)).OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(cancellationToken);
    }

    public static IReadOnlyList<(Role Role, string Label)> RoleChoices { get; } =
        [.. Enum.GetValues<Role>().Select(role => (role, RoleNames.Norwegian(role)))];
}

public sealed record UnitChoice(string Code, string Name, string District, bool Active);

/// <summary>The details form's fields, for the pages that add and change a person.</summary>
/// <param name="Locked">The Admin's own roles and units: shown, posted as they are, not changed.</param>
public sealed record StaffFieldsView(
    StaffDetailsForm Input, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<UnitChoice> Units, IReadOnlyList<string> UnitsOutsideScope, bool Locked)
{
    public string[] ErrorsOf(string field) =>
        [.. Errors.Where(pair => pair.Key == field || pair.Key.StartsWith(field + "[", StringComparison.Ordinal)).SelectMany(pair => pair.Value)];
}
