namespace BekymringssamtaleService.Web.Seeding;

public static class SeedingSetup
{
    public static WebApplicationBuilder AddSeeding(this WebApplicationBuilder builder)
    {
        var loadsDemoData = builder.Configuration.GetValue<bool>($"{SeedSettings.SectionName}:{nameof(SeedSettings.LoadDemoData)}");
        if (loadsDemoData && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Seeds:LoadDemoData is true in the environment '{builder.Environment.EnvironmentName}'. Demo users and cases are for Development only.");
        }

        builder.Services.AddOptions<SeedSettings>()
            .BindConfiguration(SeedSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<SeedLoader>();
        builder.Services.AddHostedService<DemoCases>();
        return builder;
    }
}
