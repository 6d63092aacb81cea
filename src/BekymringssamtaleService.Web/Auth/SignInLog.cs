using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Web.Data;

namespace BekymringssamtaleService.Web.Auth;

/// <summary>
/// Sign-ins and refused sign-ins in the access log (purpose sign-in, no unit, no case). A sign-in is logged where a
/// session starts: the development login, OpenID Connect, and a bearer token's first use on a host. A refusal is logged
/// under what identifies the attempt without naming anyone: the staff id the cookie carried, the identity provider's
/// opaque subject id, or <see cref="Unknown"/> — never a name or an e-mail address.
/// </summary>
public static class SignInLog
{
    public const string SignedIn = "sign-in";
    public const string Refused = "sign-in-refused";

    /// <summary>The attempt named nothing the log may keep (a development user that does not exist, an overlong subject).</summary>
    public const string Unknown = "ukjent";

    // The access log's staff id column.
    private const int MaxAttemptLength = 40;

    public static Task SignedInAsync(HttpContext context, string staffId) => AddAsync(context, staffId, SignedIn);

    /// <param name="attempt">The staff id or the identity provider's subject the attempt came with, if any.</param>
    public static Task RefusedAsync(HttpContext context, string? attempt) =>
        AddAsync(context, attempt is { Length: > 0 and <= MaxAttemptLength } ? attempt : Unknown, Refused);

    private static async Task AddAsync(HttpContext context, string staffId, string action)
    {
        var services = context.RequestServices;
        var db = services.GetRequiredService<ServiceDbContext>();
        db.AccessLog.Add(new AccessLogEntry
        {
            At = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            StaffId = staffId,
            Action = action,
            Purpose = AccessPurpose.SignIn.WireName(),
        });
        await db.SaveChangesAsync(context.RequestAborted);
    }
}
