using Npgsql;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// What the host's everyday role (the user of ConnectionStrings:Database) may do, granted by the owner role after every
/// migration: read and write the rows of ordinary tables, never change the schema. The access log and the workflow
/// journal it may only add to and read, so no UPDATE, DELETE, TRUNCATE, trigger change or DROP can reach them from the
/// host; the schema histories it may only read. Everything is revoked and granted again in one transaction (hosts
/// starting together take turns), so a privilege given by hand does not outlive the next start.
/// </summary>
public static class DatabaseGrants
{
    /// <summary>Every schema the host's tables live in: its own, the workflow engine's and Hangfire's.</summary>
    public static readonly IReadOnlyList<string> Schemas = ["public", "workflow", "hangfire"];

    /// <summary>Rows are added and read, never changed or removed (triggers refuse that to the owner too).</summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables = ["public.access_log", "workflow.journal"];

    /// <summary>What the owner applied to the schema: the host reads them to see whether it is up to date.</summary>
    public static readonly IReadOnlyList<string> ReadOnlyTables = ["public.\"__EFMigrationsHistory\"", "workflow.schema_history", "hangfire.schema"];

    public static async Task ApplyAsync(NpgsqlConnection owner, string appRole, CancellationToken cancellationToken)
    {
        var role = QuoteIdentifier(appRole);
        var schemas = string.Join(", ", Schemas.Select(QuoteIdentifier));
        await using var transaction = await owner.BeginTransactionAsync(cancellationToken);
        await using var grant = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock(hashtext('database-grants'));
            REVOKE ALL ON SCHEMA {schemas} FROM {role};
            GRANT USAGE ON SCHEMA {schemas} TO {role};
            REVOKE ALL ON ALL TABLES IN SCHEMA {schemas} FROM {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schemas} TO {role};
            REVOKE UPDATE, DELETE ON {string.Join(", ", AppendOnlyTables)} FROM {role};
            REVOKE INSERT, UPDATE, DELETE ON {string.Join(", ", ReadOnlyTables)} FROM {role};
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schemas} FROM {role};
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schemas} TO {role};
            """,
            owner,
            transaction);
        await grant.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
