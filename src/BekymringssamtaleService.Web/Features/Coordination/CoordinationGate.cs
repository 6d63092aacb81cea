using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>
/// The gate of the coordination compartment, behind the case scope that already let only a Liaison of the case's unit
/// through (the compartment's routes are <c>ForRoles(Role.Liaison)</c>): the case gate with the Liaison as its only reader. Everyone else —
/// an Officer or Lead of the case's unit, an Admin, an Auditor — and a Liaison outside the case's units get the same
/// answer as for a case that does not exist, so the compartment's routes tell nobody else anything.
/// </summary>
public sealed class CoordinationGate(CaseGate gate)
{
    public static bool IsLiaison(ClaimsPrincipal user) => user.Roles().Contains(Role.Liaison);

    /// <summary>The case, for a Liaison of its unit; null for everyone else.</summary>
    public async Task<CaseAtHand?> OpenAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken) =>
        await gate.OpenAsync(user, caseId, [Role.Liaison], cancellationToken);
}
