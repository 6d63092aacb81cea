using BekymringssamtaleService.Web.Jobs;
using BekymringssamtaleService.Workflows.Runtime;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// Brings the schema up to date as the owner role (ConnectionStrings:Migrations): the host's EF Core migrations, then
/// the workflow engine's own scripts, then Hangfire's schema, and last grants the everyday role what it needs
/// (<see cref="DatabaseGrants"/>). Run by the <c>migrate</c> command as its own deployment step, and at start by a
/// host in Development. Every part is idempotent: running it again changes nothing.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>The parts, in order, for a progress display.</summary>
    public static readonly IReadOnlyList<string> Parts = ["The host's migrations", "The workflow engine's schema", "Hangfire's schema", "The everyday role's grants"];

    /// <param name="ownerConnectionString">The owner role's connection.</param>
    /// <param name="appRole">The everyday role (the user of ConnectionStrings:Database) to grant.</param>
    /// <param name="partDone">Told the index in <see cref="Parts"/> of each part once it is done.</param>
    /// <param name="cancellationToken">Stops between statements.</param>
    public static async Task MigrateAsync(string ownerConnectionString, string appRole, Action<int> partDone, CancellationToken cancellationToken)
    {
        // Not pooled: no connection of the owner is left open once the host runs.
        var migrations = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString;

        var ownerOptions = new DbContextOptionsBuilder<ServiceDbContext>();
        ownerOptions.UseServiceConventions(migrations);
        await using (var owner = new ServiceDbContext(ownerOptions.Options))
        {
            await owner.Database.MigrateAsync(cancellationToken);
        }

        partDone(0);
        await using var ownerDatabase = NpgsqlDataSource.Create(migrations);
        // After the host's migrations: the earliest of them applied the engine's first scripts, which the engine adopts.
        await WorkflowSchema.ApplyAsync(ownerDatabase, cancellationToken);
        partDone(1);
        await using var connection = await ownerDatabase.OpenConnectionAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, JobsSetup.StorageSchema);
        partDone(2);
        await DatabaseGrants.ApplyAsync(connection, appRole, cancellationToken);
        partDone(3);
    }
}
