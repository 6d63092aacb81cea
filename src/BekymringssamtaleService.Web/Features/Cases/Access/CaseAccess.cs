using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;

namespace BekymringssamtaleService.Web.Features.Cases.Access;

/// <summary>
/// Who may do what with a case: the one place authorization by role × unit is decided. Officers, Leads and Liaisons
/// work with the cases of their own units; Admins and Auditors read no case content. A case in another unit is
/// answered as if it did not exist, so its existence is not disclosed. Which step a role may take is the workflow's
/// rule (its triggers name their roles) and is checked by the engine.
/// </summary>
public static class CaseAccess
{
    private static readonly Role[] CaseworkRoles = [Role.Officer, Role.Lead, Role.Liaison];

    public static CaseAccessDecision ToCase(ClaimsPrincipal user, string caseUnitCode) =>
        ToCase(user.Roles(), user.UnitCodes(), caseUnitCode);

    public static CaseAccessDecision ToCase(IReadOnlyCollection<Role> roles, IReadOnlyCollection<string> units, string caseUnitCode)
    {
        if (!roles.Any(CaseworkRoles.Contains))
        {
            return CaseAccessDecision.Forbidden;
        }

        return units.Contains(caseUnitCode) ? CaseAccessDecision.Allowed : CaseAccessDecision.NotFound;
    }

    /// <summary>Registering a case is an Officer's work, in one of their own units.</summary>
    public static CaseAccessDecision ToRegister(IReadOnlyCollection<Role> roles, IReadOnlyCollection<string> units, string unitCode) =>
        roles.Contains(Role.Officer) && units.Contains(unitCode) ? CaseAccessDecision.Allowed : CaseAccessDecision.Forbidden;

    /// <summary>The units whose cases the user may list; empty for roles that read no case content.</summary>
    public static IReadOnlyList<string> ListableUnits(ClaimsPrincipal user) =>
        user.Roles().Any(CaseworkRoles.Contains) ? user.UnitCodes() : [];

    public static bool MayWorkWithCases(ClaimsPrincipal user) => user.Roles().Any(CaseworkRoles.Contains);

    /// <summary>Overdue tasks are escalated to the Lead: a Lead oversees those of their own units (<see cref="ListableUnits"/>).</summary>
    public static bool MayOverseeEscalatedTasks(IReadOnlyCollection<Role> roles) => roles.Contains(Role.Lead);

    public static bool MayOverseeEscalatedTasks(ClaimsPrincipal user) => MayOverseeEscalatedTasks(user.Roles());
}

public enum CaseAccessDecision
{
    Allowed,
    NotFound,
    Forbidden,
}
