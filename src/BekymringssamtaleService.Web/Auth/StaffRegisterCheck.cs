using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Auth;

/// <summary>
/// The sign-in cookie is held against the staff register every <see cref="CheckEvery"/>: a person removed from the
/// register or deactivated is signed out (logged as a refused sign-in); one whose roles or units changed carries the
/// new ones from then on. The time of the last check rides in the cookie's properties, so no host keeps state for it.
/// </summary>
public static class StaffRegisterCheck
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(5);

    private const string CheckedAtKey = "bks.staff-register-checked";

    /// <summary>Marks a session that starts now as checked against the register now.</summary>
    public static void MarkChecked(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items[CheckedAtKey] = now.ToString("O", CultureInfo.InvariantCulture);

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedAtKey, out var text)
            && DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkedAt)
            && now - checkedAt < CheckEvery)
        {
            return;
        }

        var staffId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var db = context.HttpContext.RequestServices.GetRequiredService<ServiceDbContext>();
        var staff = staffId is null
            ? null
            : await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, context.HttpContext.RequestAborted);
        if (staff is not { IsActive: true })
        {
            await SignInLog.RefusedAsync(context.HttpContext, staffId);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(StaffClaims.CreatePrincipal(staff, CookieAuthenticationDefaults.AuthenticationScheme));
        MarkChecked(context.Properties, now);
        context.ShouldRenew = true;
    }
}
