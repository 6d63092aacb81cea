using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.SignIn;

/// <summary>Signs out of the dashboard (POST only, with the anti-forgery token the layout's form carries).</summary>
[OutsideCaseScope("Utlogging viser ikke noe saksinnhold.")]
public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }

    public IActionResult OnGet() => LocalRedirect("/");
}
