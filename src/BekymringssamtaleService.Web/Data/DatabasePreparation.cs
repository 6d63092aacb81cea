using BekymringssamtaleService.Web.Seeding;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// At start, after the settings are validated and before the host listens: brings the schema up to the newest
/// migration, then loads the seeds. A failure stops the start.
/// </summary>
public sealed class DatabasePreparation(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SeedLoader>().LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
