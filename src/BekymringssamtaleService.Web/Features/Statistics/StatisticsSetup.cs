namespace BekymringssamtaleService.Web.Features.Statistics;

public static class StatisticsSetup
{
    /// <summary>A Lead's anonymous statistics of their units (/statistikk, and the same table as CSV).</summary>
    public static WebApplicationBuilder AddStatistics(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UnitStatistics>();
        return builder;
    }
}
