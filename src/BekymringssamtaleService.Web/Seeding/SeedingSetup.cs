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
        builder.Services.AddHostedService<ReferenceDataLoading>();
        builder.Services.AddHostedService<DemoCases>();
        return builder;
    }
}

/// <summary>At every start, once the schema is ready: the reference data (and demo users where configured), before the demo cases.</summary>
internal sealed class ReferenceDataLoading(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedLoader>().LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
