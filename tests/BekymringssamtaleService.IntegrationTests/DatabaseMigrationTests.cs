using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

public sealed class DatabaseMigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("migrate");
        var options = new DbContextOptionsBuilder<ServiceDbContext>();
        options.UseServiceConventions(connectionString);
        await using var db = new ServiceDbContext(options.Options);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        var tables = await TablesAsync(connectionString, "public");
        Assert.Superset(new HashSet<string> { "cases", "guardians", "measures", "police_districts", "staff_members", "units" }, tables);
        Assert.Superset(new HashSet<string> { "definitions", "instances", "journal", "timers", "tasks", "activity_executions" }, await TablesAsync(connectionString, "workflow"));
    }

    private static async Task<HashSet<string>> TablesAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @schema", connection);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new HashSet<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
