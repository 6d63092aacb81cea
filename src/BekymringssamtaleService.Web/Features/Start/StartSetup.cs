namespace BekymringssamtaleService.Web.Features.Start;

public static class StartSetup
{
    /// <summary>Min dag, the start page: each role's lists.</summary>
    public static WebApplicationBuilder AddMyDay(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MyDay>();
        builder.Services.AddScoped<AdminDay>();
        return builder;
    }
}
