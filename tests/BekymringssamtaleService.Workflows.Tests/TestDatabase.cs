using Npgsql;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>Fresh databases on the PostgreSQL server named by BEKYMRING_TEST_POSTGRES, which ./test starts and sets.</summary>
internal static class TestDatabase
{
    public const string ServerVariable = "BEKYMRING_TEST_POSTGRES";

    /// <summary>Creates an empty database of its own for the caller and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string purpose, CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set, so the engine's tests have no PostgreSQL. Run them with ./test, which starts a private " +
                $"PostgreSQL cluster and sets {ServerVariable}; or set it to the connection string of a PostgreSQL server yourself.");
        }

        var name = $"engine_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
