using BekymringssamtaleService.Web.Auth;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BekymringssamtaleService.Web.Features.SignIn;

/// <summary>
/// The development login page (/logg-inn) is routed only where the development login is on, which only Development
/// allows: anywhere else the route does not exist, and nothing of the page can be reached.
/// </summary>
public static class DevelopmentLoginRoute
{
    public static void MapOnlyWhereEnabled(PageConventionCollection conventions, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AuthenticationSettings.SectionName).Get<AuthenticationSettings>() ?? new AuthenticationSettings();
        if (!settings.DevelopmentLogin.Enabled)
        {
            conventions.AddPageRouteModelConvention("/SignIn/DevelopmentLogin", page => page.Selectors.Clear());
        }
    }
}
