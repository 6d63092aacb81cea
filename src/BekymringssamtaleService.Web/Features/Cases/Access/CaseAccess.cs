using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;

namespace BekymringssamtaleService.Web.Features.Cases.Access;

/// <summary>
/// Who may do what with a case, by role × unit. Officers, Leads and Liaisons work with the cases of their own units;
/// Admins and Auditors read no case content. A case the user may not read is answered as if it did not exist, whatever
/// the role, so its existence is not disclosed. Which step a role may take is the workflow's rule (its triggers name
/// their roles) and is checked by the engine. <see cref="CaseScope"/> applies these rules before any handler runs.
/// </summary>
public static class CaseAccess
{
    /// <summary>The roles that work with cases: every route is theirs unless it names its own roles (<see cref="ForRolesAttribute"/>).</summary>
    public static readonly IReadOnlyList<Role> CaseworkRoles = [Role.Officer, Role.Lead, Role.Liaison];

    public static CaseAccessDecision ToCase(ClaimsPrincipal user, string caseUnitCode) =>
        ToCase(user.Roles(), user.UnitCodes(), caseUnitCode, CaseworkRoles);

    public static CaseAccessDecision ToCase(IReadOnlyCollection<Role> roles, IReadOnlyCollection<string> units, string caseUnitCode, IReadOnlyCollection<Role> readers) =>
        roles.Any(readers.Contains) && units.Contains(caseUnitCode) ? CaseAccessDecision.Allowed : CaseAccessDecision.NotFound;

    /// <summary>Registering a case is an Officer's work, in one of their own units.</summary>
    public static CaseAccessDecision ToRegister(IReadOnlyCollection<Role> roles, IReadOnlyCollection<string> units, string unitCode) =>
        roles.Contains(Role.Officer) && units.Contains(unitCode) ? CaseAccessDecision.Allowed : CaseAccessDecision.Forbidden;

    /// <summary>The units whose cases the user may list; empty for roles that read no case content.</summary>
    public static IReadOnlyList<string> ListableUnits(ClaimsPrincipal user) =>
        MayWorkWithCases(user) ? user.UnitCodes() : [];

    public static bool MayWorkWithCases(ClaimsPrincipal user) => user.Roles().Any(CaseworkRoles.Contains);

    /// <summary>Overdue tasks are escalated to the Lead: a Lead oversees those of their own units (<see cref="ListableUnits"/>).</summary>
    public static bool MayOverseeEscalatedTasks(IReadOnlyCollection<Role> roles) => roles.Contains(Role.Lead);

    public static bool MayOverseeEscalatedTasks(ClaimsPrincipal user) => MayOverseeEscalatedTasks(user.Roles());

    /// <summary>A blocked case (sperret) is read only by an Admin of its unit, who states why (<see cref="CaseGate.OpenBlockedForReviewAsync"/>).</summary>
    public static bool MayReviewBlockedCase(ClaimsPrincipal user, string caseUnitCode) =>
        user.Roles().Contains(Role.Admin) && user.UnitCodes().Contains(caseUnitCode);
}

public enum CaseAccessDecision
{
    Allowed,
    NotFound,
    Forbidden,
}
