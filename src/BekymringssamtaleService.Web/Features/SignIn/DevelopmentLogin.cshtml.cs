using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.SignIn;

/// <summary>
/// Development only: sign in as a demo user, logged as a sign-in (a user the register does not know, or has deactivated:
/// a refused one; deactivated users are not offered).
/// Routed only where the development login is on (<see cref="DevelopmentLoginRoute"/>).
/// </summary>
[AllowAnonymous]
[OutsideCaseScope("Innloggingen kommer før noen rolle er kjent.")]
public sealed class DevelopmentLoginModel(ServiceDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? StaffId { get; set; }

    public IReadOnlyList<StaffChoice> StaffChoices { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var staff = StaffId is null
            ? null
            : await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == StaffId, cancellationToken);
        if (staff is not { IsActive: true })
        {
            if (!string.IsNullOrEmpty(StaffId))
            {
                await SignInLog.RefusedAsync(HttpContext, attempt: staff?.Id);
            }

            Error = "Velg en bruker for å logge inn.";
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        var session = new AuthenticationProperties();
        StaffRegisterCheck.MarkChecked(session, time.GetUtcNow());
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            StaffClaims.CreatePrincipal(staff, CookieAuthenticationDefaults.AuthenticationScheme),
            session);
        await SignInLog.SignedInAsync(HttpContext, staff.Id);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.DeactivatedAt == null).OrderBy(s => s.DisplayName).ToListAsync(cancellationToken);
        StaffChoices = [.. staff.Select(s => new StaffChoice(s.Id, s.DisplayName, string.Join(", ", s.Roles.Select(RoleNames.Norwegian))))];
    }

    public sealed record StaffChoice(string Id, string DisplayName, string Roles);
}
