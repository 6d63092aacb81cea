using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.SignIn;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace BekymringssamtaleService.Web.Features;

/// <summary>The server-rendered dashboard: one folder per use case under Features/.</summary>
public static class DashboardSetup
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Features";
                DevelopmentLoginRoute.MapOnlyWhereEnabled(options.Conventions, builder.Configuration);
            })
            .AddMvcOptions(options => options.Filters.Add<CaseScopePageFilter>());
        // Norwegian letters are written as themselves, not as &#xF8; entities.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>
    /// Errors become Norwegian pages with a reference, never a stack trace, in every environment; every request is
    /// served in Norwegian bokmål (formats, and the job dashboard's language).
    /// </summary>
    public static void UseDashboardErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler("/status/500");
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseRequestLocalization(options => options
            .SetDefaultCulture("nb-NO")
            .AddSupportedCultures("nb-NO")
            .AddSupportedUICultures("nb-NO"));
    }

    public static void MapDashboard(this WebApplication app) => app.MapRazorPages();
}
