using Npgsql;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// The role every host under test connects as, as in ./run and production: bekymring_app, which owns nothing and may
/// only what the host's owner connection grants it at start. Roles belong to the cluster, not to a database, so it is
/// created once per server; test classes start hosts in parallel, so creating it is idempotent and safe to race.
/// </summary>
public static class AppDatabaseRole
{
    public const string Name = "bekymring_app";

    /// <summary>The same database as <paramref name="ownerConnectionString"/>, signed in as the app role (trust auth on the test cluster: no password).</summary>
    public static string ConnectionString(string ownerConnectionString) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = Name, Password = null }.ConnectionString;

    /// <summary>Creates the role on the server of <paramref name="ownerConnectionString"/> unless it is there.</summary>
    public static async Task EnsureExistsAsync(string ownerConnectionString)
    {
        // Not pooled: tests count the sessions on a host's database, and this one is not the host's.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        // Two sessions creating it at once: the loser sees duplicate_object, or unique_violation on pg_authid's index.
        await using var create = new NpgsqlCommand(
            $"""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Name}') THEN
                    CREATE ROLE {Name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END $$;
            """,
            connection);
        await create.ExecuteNonQueryAsync();
    }
}
