using BekymringssamtaleService.Web.Jobs;
using BekymringssamtaleService.Workflows.Runtime;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// At start, after the settings are validated and before the host listens. With ConnectionStrings:Migrations (the
/// owner role) it brings the schema up to date as that role — the host's EF Core migrations, then the workflow engine's
/// own scripts, then Hangfire's schema — and grants the everyday role of ConnectionStrings:Database what it needs
/// (<see cref="DatabaseGrants"/>). Without it the host changes nothing and refuses to start while anything is left to
/// apply, naming the setting: hosts that hold only the everyday role's password start after one that migrated.
/// A failure stops the start. Hosted services registered later (publishing the workflows, loading the seeds) find the
/// schema ready.
/// </summary>
public sealed class DatabasePreparation(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.MigrationsConnectionString() is not { } ownerConnectionString)
        {
            await RequireUpToDateAsync(cancellationToken);
            return;
        }

        // Not pooled: no connection of the owner is left open once the host runs.
        var migrations = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString;

        var ownerOptions = new DbContextOptionsBuilder<ServiceDbContext>();
        ownerOptions.UseServiceConventions(migrations);
        await using (var owner = new ServiceDbContext(ownerOptions.Options))
        {
            await owner.Database.MigrateAsync(cancellationToken);
        }

        await using var ownerDatabase = NpgsqlDataSource.Create(migrations);
        // After the host's migrations: the earliest of them applied the engine's first scripts, which the engine adopts.
        await WorkflowSchema.ApplyAsync(ownerDatabase, cancellationToken);
        await using var connection = await ownerDatabase.OpenConnectionAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, JobsSetup.StorageSchema);
        await DatabaseGrants.ApplyAsync(connection, DatabaseSetup.RoleOf(configuration.ConnectionString()), cancellationToken);
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
                $"The database is not up to date ({string.Join(", ", pending)}) and ConnectionStrings:{DatabaseSetup.MigrationsConnectionStringName} " +
                "is not set: name the owner role's connection there, so that this host migrates at start, or start a host that has it first.");
        }
    }
}
