using BekymringssamtaleService.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Auth;

public static class AuthenticationSetup
{
    public const string LoginPath = "/logg-inn";

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
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = settings.DevelopmentLogin.Enabled
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "bks.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = LoginPath;
                // A signed-in user without access gets a 403 page, not a redirect loop.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        if (!settings.DevelopmentLogin.Enabled)
        {
            builder.Services.AddOptions<OpenIdConnectSettings>()
                .BindConfiguration(OpenIdConnectSettings.SectionName)
                .ValidateDataAnnotations()
                .ValidateOnStart();
            authentication.AddOpenIdConnect();
            builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .Configure<IOptions<OpenIdConnectSettings>>(ConfigureOpenIdConnect);
        }

        builder.Services.AddAuthorization(Policies.Add);
        return builder;
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
        options.Events.OnTokenValidated = async context =>
        {
            // Roles and units come from the staff register, not from the identity provider.
            var subject = context.Principal?.FindFirst(oidc.SubjectClaim)?.Value;
            var db = context.HttpContext.RequestServices.GetRequiredService<ServiceDbContext>();
            var staff = subject is null
                ? null
                : await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.ExternalSubject == subject, context.HttpContext.RequestAborted);
            if (staff is null)
            {
                context.Fail("The signed-in person is not in the staff register.");
                return;
            }

            context.Principal = StaffClaims.CreatePrincipal(staff, OpenIdConnectDefaults.AuthenticationScheme);
        };
    }
}
