using BekymringssamtaleService.Domain.Staff;
using Microsoft.AspNetCore.Authorization;

namespace BekymringssamtaleService.Web.Auth;

public static class Policies
{
    public const string Admin = nameof(Admin);

    public static void Add(AuthorizationOptions options)
    {
        // Every page and endpoint needs a signed-in user unless it says otherwise.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Admin, policy => policy.RequireRole(nameof(Role.Admin)));
    }
}
