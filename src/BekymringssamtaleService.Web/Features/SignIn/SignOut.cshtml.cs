using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Features.SignIn;

/// <summary>
/// Signs out of the dashboard (POST only, with the anti-forgery token the layout's form carries), and at the identity
/// provider too, so that the next visit asks who is there rather than signing the same person in again.
/// </summary>
[OutsideCaseScope("Utlogging viser ikke noe saksinnhold.")]
public sealed class SignOutModel(IOptions<AuthenticationSettings> settings) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (settings.Value.DevelopmentLogin.Enabled)
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return LocalRedirect("/");
        }

        // The provider's end-session endpoint (with the identity token as id_token_hint) sends the browser back to "/".
        return SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            CookieAuthenticationDefaults.AuthenticationScheme,
            OpenIdConnectDefaults.AuthenticationScheme);
    }

    public IActionResult OnGet() => LocalRedirect("/");
}
