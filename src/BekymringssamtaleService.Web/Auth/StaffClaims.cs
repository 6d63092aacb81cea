using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;

namespace BekymringssamtaleService.Web.Auth;

/// <summary>The claims a signed-in member of staff carries: id, name, roles and units from the staff register.</summary>
public static class StaffClaims
{
    public const string UnitClaimType = "bks:unit";

    public static ClaimsPrincipal CreatePrincipal(StaffMember staff, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, staff.Id),
            new(ClaimTypes.Name, staff.DisplayName),
        };
        claims.AddRange(staff.Roles.Select(role => new Claim(ClaimTypes.Role, role.ToString())));
        claims.AddRange(staff.UnitCodes.Select(unit => new Claim(UnitClaimType, unit)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string StaffId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user is not signed in.");

    public static IReadOnlyList<Role> Roles(this ClaimsPrincipal user) =>
        [.. user.FindAll(ClaimTypes.Role).Select(claim => Enum.Parse<Role>(claim.Value))];

    public static IReadOnlyList<string> UnitCodes(this ClaimsPrincipal user) =>
        [.. user.FindAll(UnitClaimType).Select(claim => claim.Value)];
}
