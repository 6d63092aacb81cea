using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.SignIn;

/// <summary>Why the identity provider's sign-in did not let someone in.</summary>
public enum SignInRefusal
{
    /// <summary>The provider's subject is linked to nobody in the staff register.</summary>
    NotInStaffRegister,

    /// <summary>The subject is linked to a member of staff an Admin has deactivated.</summary>
    Deactivated,
}

/// <summary>
/// Where a person the identity provider signed in, but the staff register does not let in, is sent (403): what
/// happened and whom to ask. The refusal itself is in the access log already. The page names no one.
/// </summary>
[AllowAnonymous]
[OutsideCaseScope("Siden forklarer en avvist innlogging og viser ikke noe saksinnhold.")]
public sealed class SignInRefusedModel : PageModel
{
    public const string Path = "/innlogging-avvist";
    private const string DeactivatedReason = "deaktivert";
    private const string NotInStaffRegisterReason = "ukjent";

    [BindProperty(SupportsGet = true, Name = "grunn")]
    public string? Reason { get; set; }

    public SignInRefusal Refusal => Reason == DeactivatedReason ? SignInRefusal.Deactivated : SignInRefusal.NotInStaffRegister;

    public static string PathFor(SignInRefusal refusal) =>
        $"{Path}?grunn={(refusal == SignInRefusal.Deactivated ? DeactivatedReason : NotInStaffRegisterReason)}";

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
