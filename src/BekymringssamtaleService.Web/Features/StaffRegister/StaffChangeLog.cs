using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

/// <summary>
/// Every change of a person in the staff register, as access log rows (purpose <c>administration</c>) under whoever
/// made it: one row per thing changed, naming the person by staff id and what changed — a role by its code, a unit in
/// the row's unit column — but never a name or an e-mail address. Each action fits the log's 60 characters.
/// </summary>
public static class StaffChangeLog
{
    /// <summary>What the register holds of a person, before and after a change.</summary>
    public sealed record Snapshot(string DisplayName, string Email, IReadOnlyList<Role> Roles, IReadOnlyList<string> Units, string? Subject, bool Active)
    {
        public static Snapshot Of(StaffMember staff) =>
            new(staff.DisplayName, staff.Email, [.. staff.Roles], [.. staff.UnitCodes], staff.ExternalSubject, staff.IsActive);
    }

    /// <summary>The rows for the change from <paramref name="before"/> (null: the person is new) to the person as they are now; none when nothing changed.</summary>
    public static IReadOnlyList<(string Action, string? UnitCode)> Describe(Snapshot? before, StaffMember after)
    {
        var id = after.Id;
        var rows = new List<(string, string?)>();
        if (before is null)
        {
            rows.Add(($"add-staff {id}", null));
        }
        else
        {
            if (before.DisplayName != after.DisplayName)
            {
                rows.Add(($"change-name {id}", null));
            }

            if (before.Email != after.Email)
            {
                rows.Add(($"change-email {id}", null));
            }
        }

        var rolesBefore = before?.Roles ?? [];
        rows.AddRange(after.Roles.Except(rolesBefore).Select(role => ($"grant-role {id} {role}", (string?)null)));
        rows.AddRange(rolesBefore.Except(after.Roles).Select(role => ($"revoke-role {id} {role}", (string?)null)));
        var unitsBefore = before?.Units ?? [];
        rows.AddRange(after.UnitCodes.Except(unitsBefore, StringComparer.Ordinal).Select(unit => ($"grant-unit {id}", (string?)unit)));
        rows.AddRange(unitsBefore.Except(after.UnitCodes, StringComparer.Ordinal).Select(unit => ($"revoke-unit {id}", (string?)unit)));
        if (before?.Subject != after.ExternalSubject)
        {
            rows.Add((after.ExternalSubject is null ? $"unlink-subject {id}" : $"link-subject {id}", null));
        }

        if (before is not null && before.Active != after.IsActive)
        {
            rows.Add((after.IsActive ? $"reactivate-staff {id}" : $"deactivate-staff {id}", null));
        }

        return rows;
    }

    /// <summary>Adds the rows of the change to the access log (saved with the change); returns how many there are.</summary>
    public static int Add(ServiceDbContext db, string actor, Snapshot? before, StaffMember after, DateTimeOffset at)
    {
        var rows = Describe(before, after);
        foreach (var (action, unitCode) in rows)
        {
            AccessLog.Add(db, actor, unitCode, caseId: null, action, at, AccessPurpose.Administration);
        }

        return rows.Count;
    }
}
