using System.Text.Encodings.Web;
using BekymringssamtaleService.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Auth;

/// <summary>
/// Development only, behind the same guard as the development login: an API request may name its demo user in the
/// X-Dev-User header. An unknown or deactivated user is not signed in (401) and is logged as a refused sign-in. The header is read
/// anew on every request and starts no session, so a request it signs in is not a sign-in of its own in the access
/// log; what the request reads or writes is logged under the user it names.
/// </summary>
public sealed class DevelopmentUserHeader(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServiceDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentUserHeader";
    public const string HeaderName = "X-Dev-User";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var staffId = Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(staffId))
        {
            return AuthenticateResult.NoResult();
        }

        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, Context.RequestAborted);
        if (staff is not { IsActive: true })
        {
            await SignInLog.RefusedAsync(Context, attempt: staff?.Id);
            return AuthenticateResult.Fail("The X-Dev-User header names no active demo user.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(StaffClaims.CreatePrincipal(staff, SchemeName), SchemeName));
    }
}
