using BekymringssamtaleService.Web.Seeding;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// At start, after the settings are validated and before the host listens: brings the schema up to the newest
/// migration (the host's, then the workflow engine's own), then loads the seeds. A failure stops the start.
/// </summary>
public sealed class DatabasePreparation(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Database.MigrateAsync(cancellationToken);
        // After the host's migrations: the earliest of them applied the engine's first scripts, which the engine adopts.
        await WorkflowSchema.ApplyAsync(scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SeedLoader>().LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
