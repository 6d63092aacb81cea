using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

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
                // The API answers 401 instead of sending a program to the login page. A browser without a valid cookie
                // (none, or a stale or foreign one) signs in afresh: at the identity provider, or in Development at the
                // development login.
                options.Events.OnRedirectToLogin = context =>
                {
                    if (ApiSetup.IsApiRequest(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }

                    if (!settings.DevelopmentLogin.Enabled)
                    {
                        return context.HttpContext.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme, context.Properties);
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
    /// Development, else the cookie (whose challenge sends a browser to the identity provider, see OnRedirectToLogin).
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

        return CookieAuthenticationDefaults.AuthenticationScheme;
    }

    private static void ConfigureBearerTokens(JwtBearerOptions options, IOptions<OpenIdConnectSettings> settings)
    {
        var oidc = settings.Value;
        options.Authority = oidc.Authority;
        options.Audience = oidc.ClientId;
        options.MapInboundClaims = false;
        if (!string.IsNullOrEmpty(oidc.TrustedCertificatePath))
        {
            options.BackchannelHttpHandler = TrustedCertificateBackchannel.Create(oidc.TrustedCertificatePath);
        }

        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                var subject = context.Principal?.FindFirst(oidc.SubjectClaim)?.Value;
                var staff = await LinkedStaffAsync(context.HttpContext, subject);
                if (staff is not { IsActive: true })
                {
                    await SignInLog.RefusedAsync(context.HttpContext, subject);
                    context.Fail("The token's subject is not an active member of the staff register.");
                    return;
                }

                await context.HttpContext.RequestServices.GetRequiredService<BearerSignIns>().FirstUseAsync(context.HttpContext, staff.Id, context.SecurityToken);
                context.Principal = StaffClaims.CreatePrincipal(staff, JwtBearerDefaults.AuthenticationScheme);
            },
        };
    }

    /// <summary>The member of staff the identity provider's subject is linked to, active or not; roles and units come from here.</summary>
    private static async Task<StaffMember?> LinkedStaffAsync(HttpContext context, string? subject)
    {
        if (subject is null)
        {
            return null;
        }

        var db = context.RequestServices.GetRequiredService<ServiceDbContext>();
        return await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.ExternalSubject == subject, context.RequestAborted);
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions options, IOptions<OpenIdConnectSettings> settings)
    {
        var oidc = settings.Value;
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        if (!string.IsNullOrEmpty(oidc.TrustedCertificatePath))
        {
            options.BackchannelHttpHandler = TrustedCertificateBackchannel.Create(oidc.TrustedCertificatePath);
        }

        // Of the tokens only the identity token is kept (in the cookie), for signing out at the provider (id_token_hint).
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            // A program is not sent to a login form it cannot fill in.
            if (ApiSetup.IsApiRequest(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.HandleResponse();
            }

            return Task.CompletedTask;
        };
        options.Events.OnTokenValidated = async context =>
        {
            var subject = context.Principal?.FindFirst(oidc.SubjectClaim)?.Value;
            var staff = await LinkedStaffAsync(context.HttpContext, subject);
            if (staff is not { IsActive: true })
            {
                await SignInLog.RefusedAsync(context.HttpContext, subject);
                context.HandleResponse();
                context.Response.Redirect(SignInRefusedModel.PathFor(staff is null ? SignInRefusal.NotInStaffRegister : SignInRefusal.Deactivated));
                return;
            }

            await SignInLog.SignedInAsync(context.HttpContext, staff.Id);
            StaffRegisterCheck.MarkChecked(context.Properties!, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken;
            context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
            context.Principal = StaffClaims.CreatePrincipal(staff, OpenIdConnectDefaults.AuthenticationScheme);
        };
    }
}
