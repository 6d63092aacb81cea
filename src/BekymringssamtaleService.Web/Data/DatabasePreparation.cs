using BekymringssamtaleService.Web.Jobs;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// At start, after the settings are validated and before the host listens. A host in Development with
/// ConnectionStrings:Migrations (the owner role) migrates (<see cref="DatabaseMigrator"/>), so that ./run and the tests
/// need no extra step. Every other host changes nothing and refuses to start while anything is left to apply, naming
/// the <c>migrate</c> command that deployment runs as its own step. Hosted services registered later (publishing the
/// workflows, loading the seeds) find the schema ready.
/// </summary>
public sealed class DatabasePreparation(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment() && configuration.MigrationsConnectionString() is { } ownerConnectionString)
        {
            await DatabaseMigrator.MigrateAsync(ownerConnectionString, DatabaseSetup.RoleOf(configuration.ConnectionString()), _ => { }, cancellationToken);
            return;
        }

        await RequireUpToDateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RequireUpToDateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pending = new List<string>();
        pending.AddRange(await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Database.GetPendingMigrationsAsync(cancellationToken));
        var database = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
        pending.AddRange(await WorkflowSchema.PendingScriptsAsync(database, cancellationToken));
        await using (var jobStorage = database.CreateCommand("SELECT to_regclass(@table) IS NOT NULL"))
        {
            jobStorage.Parameters.AddWithValue("table", $"{JobsSetup.StorageSchema}.schema");
            if (await jobStorage.ExecuteScalarAsync(cancellationToken) is not true)
            {
                pending.Add($"Hangfire's schema \"{JobsSetup.StorageSchema}\"");
            }
        }

        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database is not up to date ({string.Join(", ", pending)}). Run the command \"migrate\" (BekymringssamtaleService.Web migrate, " +
                $"with ConnectionStrings:{DatabaseSetup.MigrationsConnectionStringName} naming the owner role) before starting the hosts.");
        }
    }
}
