using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// At start, after the settings are validated and before the host listens: brings the schema up to the newest
/// migration: the host's, then the workflow engine's own. A failure stops the start. Hosted services registered
/// later (publishing the workflows, loading the seeds) find the schema ready.
/// </summary>
public sealed class DatabasePreparation(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Database.MigrateAsync(cancellationToken);
        // After the host's migrations: the earliest of them applied the engine's first scripts, which the engine adopts.
        await WorkflowSchema.ApplyAsync(scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
