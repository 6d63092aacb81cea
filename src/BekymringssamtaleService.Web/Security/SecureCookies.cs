using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace BekymringssamtaleService.Web.Security;

/// <summary>
/// Outside Development every cookie the service sets is Secure: the sign-in cookie, the anti-forgery cookie and the
/// OpenID Connect correlation and nonce cookies. Behind a TLS proxy the request is https:// to the host only when the
/// proxy is trusted (<see cref="ProxyHeaders"/>); the cookies are Secure regardless, so a misconfigured proxy breaks
/// the sign-in instead of sending the session in the clear. Development runs on plain http://127.0.0.1.
/// </summary>
public static class SecureCookies
{
    public static WebApplicationBuilder AddSecureCookies(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return builder;
        }

        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        builder.Services.PostConfigureAll<OpenIdConnectOptions>(options =>
        {
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        builder.Services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        return builder;
    }
}
