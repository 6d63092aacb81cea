using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BekymringssamtaleService.DevIdentityProvider;

/// <summary>
/// The endpoints OpenIddict passes through to the provider: authorization (who is signed in here), token (codes
/// exchanged, and the program client's client credentials) and end session (signing out here too).
/// </summary>
public static class ConnectEndpoints
{
    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/endsession";

    public static void MapConnectEndpoints(this WebApplication app)
    {
        app.MapMethods(AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapPost(TokenPath, IssueTokenAsync);
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IOptions<IdentityProviderSettings> settings)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var subject = session.Principal?.FindFirstValue(Claims.Subject);
        if (subject is null)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "Ingen er logget inn.");
            }

            // To the login form, and back here with the same request afterwards.
            var query = context.Request.HasFormContentType ? QueryString.Create(context.Request.Form) : context.Request.QueryString;
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + query },
                [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        return SignIn(subject, session.Principal!.FindFirstValue(Claims.Name) ?? subject, audience: settings.Value.WebClient.ClientId, request.GetScopes());
    }

    private static async Task<IResult> IssueTokenAsync(HttpContext context, IOptions<IdentityProviderSettings> settings)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType())
        {
            // The code carries the principal the authorization endpoint signed in; OpenIddict has checked it and PKCE.
            var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(code.Principal!, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var program = settings.Value.ProgramClient;
        if (request.IsClientCredentialsGrantType() && request.ClientId == program.ClientId)
        {
            return SignIn(program.Subject, "Program som bruker API-et", audience: settings.Value.WebClient.ClientId, request.GetScopes());
        }

        return Refuse(Errors.UnsupportedGrantType, "Bare autorisasjonskode og klientlegitimasjon støttes.");
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

        // OpenIddict sends the browser to the client's post_logout_redirect_uri; without one, to the login form.
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>Tokens for the subject: the identity token and the access token (a JWT for the service) name who it is.</summary>
    private static IResult SignIn(string subject, string name, string audience, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Name, name);
        identity.SetScopes(scopes);
        identity.SetAudiences(audience);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
