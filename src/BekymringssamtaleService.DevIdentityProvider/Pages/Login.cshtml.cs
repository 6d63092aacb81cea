using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BekymringssamtaleService.DevIdentityProvider.Pages;

/// <summary>Sign in here by picking a person (or naming any subject): no password, this is a development tool.</summary>
public sealed class LoginModel(DevUsers users) : PageModel
{
    private const int MaxSubjectLength = 200;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? OtherSubject { get; set; }

    public IReadOnlyList<DevUser> Users => users.All;

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var typed = OtherSubject?.Trim();
        var subject = string.IsNullOrEmpty(typed) ? Subject : typed;
        if (string.IsNullOrEmpty(subject) || subject.Length > MaxSubjectLength)
        {
            Error = $"Velg en person, eller skriv inn et subject på høyst {MaxSubjectLength} tegn.";
            return Page();
        }

        var name = users.Find(subject)?.Name ?? subject;
        var identity = new ClaimsIdentity([new Claim(Claims.Subject, subject), new Claim(Claims.Name, name)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
