using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Data;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Auth;

public static class AuthenticationSetup
{
    public const string LoginPath = "/logg-inn";
    public const string StaffScheme = "Staff";
    private const string CookieName = "bks.auth";

    public static WebApplicationBuilder AddStaffAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthenticationSettings.SectionName);
        var settings = section.Get<AuthenticationSettings>() ?? new AuthenticationSettings();
        if (settings.DevelopmentLogin.Enabled && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Authentication:DevelopmentLogin:Enabled is true in the environment '{builder.Environment.EnvironmentName}'. " +
                "The development login is allowed only in Development; use OpenID Connect.");
        }

        builder.Services.Configure<AuthenticationSettings>(section);
        var authentication = builder.Services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = StaffScheme;
                options.DefaultChallengeScheme = StaffScheme;
            })
            .AddPolicyScheme(StaffScheme, "Staff", options => options.ForwardDefaultSelector = context =>
                SchemeFor(context, settings.DevelopmentLogin.Enabled))
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = LoginPath;
                options.Events.OnValidatePrincipal = StaffRegisterCheck.ValidatePrincipalAsync;
                // The API answers 401 instead of sending a program to the login page.
                options.Events.OnRedirectToLogin = context =>
                {
                    if (ApiSetup.IsApiRequest(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
                // A signed-in user without access gets a 403 page, not a redirect loop.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        if (settings.DevelopmentLogin.Enabled)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, DevelopmentUserHeader>(DevelopmentUserHeader.SchemeName, null);
        }
        else
        {
            builder.Services.AddOptions<OpenIdConnectSettings>()
                .BindConfiguration(OpenIdConnectSettings.SectionName)
                .ValidateDataAnnotations()
                .ValidateOnStart();
            authentication.AddOpenIdConnect();
            builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .Configure<IOptions<OpenIdConnectSettings>>(ConfigureOpenIdConnect);
            authentication.AddJwtBearer();
            builder.Services.AddSingleton<BearerSignIns>();
            builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<IOptions<OpenIdConnectSettings>>(ConfigureBearerTokens);
        }

        builder.Services.AddAuthorization(Policies.Add);
        return builder;
    }

    /// <summary>
    /// Which scheme answers a request: a bearer token for API clients in production, the X-Dev-User header in
    /// Development, else the cookie; a browser without a cookie is sent to OpenID Connect (or the development login).
    /// </summary>
    private static string SchemeFor(HttpContext context, bool developmentLogin)
    {
        if (developmentLogin && context.Request.Headers.ContainsKey(DevelopmentUserHeader.HeaderName))
        {
            return DevelopmentUserHeader.SchemeName;
        }

        if (!developmentLogin && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        return developmentLogin || ApiSetup.IsApiRequest(context.Request) || context.User.Identity?.IsAuthenticated == true
            ? CookieAuthenticationDefaults.AuthenticationScheme
            : CookieOrOpenIdConnect(context);
    }

    // Authenticating with the cookie, challenging (a browser without one) with OpenID Connect.
    private static string CookieOrOpenIdConnect(HttpContext context) =>
        context.Request.Cookies.ContainsKey(CookieName) ? CookieAuthenticationDefaults.AuthenticationScheme : OpenIdConnectDefaults.AuthenticationScheme;

    private static void ConfigureBearerTokens(JwtBearerOptions options, IOptions<OpenIdConnectSettings> settings)
    {
        var oidc = settings.Value;
        options.Authority = oidc.Authority;
        options.Audience = oidc.ClientId;
        options.MapInboundClaims = false;
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                var subject = context.Principal?.FindFirst(oidc.SubjectClaim)?.Value;
                var principal = await StaffPrincipalAsync(context.HttpContext, subject, JwtBearerDefaults.AuthenticationScheme);
                if (principal is null)
                {
                    await SignInLog.RefusedAsync(context.HttpContext, subject);
                    context.Fail("The token's subject is not in the staff register.");
                    return;
                }

                await context.HttpContext.RequestServices.GetRequiredService<BearerSignIns>().FirstUseAsync(context.HttpContext, principal.StaffId(), context.SecurityToken);
                context.Principal = principal;
            },
        };
    }

    /// <summary>Roles and units come from the staff register, not from the identity provider.</summary>
    private static async Task<ClaimsPrincipal?> StaffPrincipalAsync(HttpContext context, string? subject, string scheme)
    {
        if (subject is null)
        {
            return null;
        }

        var db = context.RequestServices.GetRequiredService<ServiceDbContext>();
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.ExternalSubject == subject, context.RequestAborted);
        return staff is null ? null : StaffClaims.CreatePrincipal(staff, scheme);
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions options, IOptions<OpenIdConnectSettings> settings)
    {
        var oidc = settings.Value;
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.Events.OnTokenValidated = async context =>
        {
            var subject = context.Principal?.FindFirst(oidc.SubjectClaim)?.Value;
            var principal = await StaffPrincipalAsync(context.HttpContext, subject, OpenIdConnectDefaults.AuthenticationScheme);
            if (principal is null)
            {
                await SignInLog.RefusedAsync(context.HttpContext, subject);
                context.Fail("The signed-in person is not in the staff register.");
                return;
            }

            await SignInLog.SignedInAsync(context.HttpContext, principal.StaffId());
            StaffRegisterCheck.MarkChecked(context.Properties!, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            context.Principal = principal;
        };
    }
}
