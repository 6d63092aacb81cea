using Npgsql;
using Testcontainers.PostgreSql;
using DotNet.Testcontainers.Configurations;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// The PostgreSQL server tests run against: the one named by BEKYMRING_TEST_POSTGRES (./test starts a private
/// cluster and sets it), else a Testcontainers container when a Docker engine answers. Each caller gets a fresh database.
/// </summary>
public static class TestPostgres
{
    public const string ConnectionStringVariable = "BEKYMRING_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(FindServerAsync);

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var server = await Server.Value;
        var name = $"test_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task<string> FindServerAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: {ConnectionStringVariable} is not set and no Docker engine answers. " +
                "Run ./test, which starts a private PostgreSQL cluster and sets it.");
        }

        var container = new PostgreSqlBuilder("postgres:15").Build();
        await container.StartAsync();
        return container.GetConnectionString();
    }
}
