using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>
/// The database enforces what the host may do: the host connects as bekymring_app, which owns nothing and may only add
/// to and read the access log and the workflow journal. Each statement is tried as that role on a running host's
/// database, inside a transaction that is rolled back.
/// </summary>
public sealed class DatabaseRoleTests(SharedHost shared)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> RefusedStatements => new()
    {
        "UPDATE access_log SET action = 'endret' WHERE case_id = @case",
        "DELETE FROM access_log WHERE case_id = @case",
        "TRUNCATE access_log",
        "ALTER TABLE access_log DISABLE TRIGGER access_log_append_only",
        "ALTER TABLE access_log DISABLE TRIGGER ALL",
        "DROP TABLE access_log",
        "UPDATE workflow.journal SET code = 'endret' WHERE instance_id = @case",
        "DELETE FROM workflow.journal WHERE instance_id = @case",
        "TRUNCATE workflow.journal",
        "ALTER TABLE workflow.journal DISABLE TRIGGER journal_append_only",
        "DROP TABLE workflow.journal",
        "CREATE TABLE access_log_copy AS SELECT * FROM access_log",
        "CREATE TABLE workflow.journal_copy (id bigint)",
    };

    [Theory]
    [MemberData(nameof(RefusedStatements))]
    public async Task The_app_role_may_not_change_remove_or_unprotect_the_access_log_or_the_journal(string statement)
    {
        var caseId = await RegisteredAndReadCaseAsync();
        var before = await RowCountsAsync(caseId);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => AsAppRoleAsync(statement, caseId));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(before, await RowCountsAsync(caseId));
    }

    [Theory]
    [InlineData("INSERT INTO access_log (staff_id, unit_code, case_id, action, at, purpose) SELECT staff_id, unit_code, case_id, action, at, purpose FROM access_log WHERE case_id = @case LIMIT 1")]
    [InlineData("INSERT INTO workflow.journal (instance_id, at, kind, code) SELECT instance_id, at, kind, code FROM workflow.journal WHERE instance_id = @case LIMIT 1")]
    public async Task The_app_role_adds_to_the_access_log_and_the_journal(string statement)
    {
        var caseId = await RegisteredAndReadCaseAsync();

        Assert.Equal(1, await AsAppRoleAsync(statement, caseId));
    }

    [Fact]
    public async Task The_app_role_reads_the_access_log_and_the_journal()
    {
        var caseId = await RegisteredAndReadCaseAsync();

        Assert.Equal(2L, await AsAppRoleScalarAsync<long>("SELECT count(*) FROM access_log WHERE case_id = @case", caseId));
        Assert.True(await AsAppRoleScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE instance_id = @case", caseId) >= 1);
    }

    [Fact]
    public async Task The_app_role_can_sign_in_and_nothing_more_and_owns_no_schema_table_sequence_function_or_type()
    {
        Assert.True(await OwnerScalarAsync<bool>(
            """
            SELECT rolcanlogin AND NOT (rolsuper OR rolcreatedb OR rolcreaterole OR rolinherit OR rolreplication OR rolbypassrls)
            FROM pg_roles WHERE rolname = @role
            """));
        Assert.Equal(
            0L,
            await OwnerScalarAsync<long>(
                """
                SELECT (SELECT count(*) FROM pg_namespace WHERE nspowner = @role::regrole)
                     + (SELECT count(*) FROM pg_class WHERE relowner = @role::regrole)
                     + (SELECT count(*) FROM pg_proc WHERE proowner = @role::regrole)
                     + (SELECT count(*) FROM pg_type WHERE typowner = @role::regrole)
                     + (SELECT count(*) FROM pg_database WHERE datdba = @role::regrole)
                """));
    }

    [Fact]
    public async Task Every_schema_of_the_database_is_one_the_grants_cover()
    {
        var schemas = await OwnerScalarAsync<string[]>(
            "SELECT array_agg(nspname ORDER BY nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'");

        Assert.Equal(DatabaseGrants.Schemas.Order(StringComparer.Ordinal), schemas);
    }

    [Fact]
    public async Task Every_connection_a_running_host_makes_is_the_app_roles()
    {
        await using var host = await ServiceHost.StartAsync();
        using var api = new CaseApi(host, DemoUsers.OsloOfficer);
        await api.GetAsync(await api.RegisterAsync());

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
            Assert.Equal(AppDatabaseRole.Name, await db.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync(Token));
        }

        // Not pooled: no connection of this test is left behind to be counted.
        var owner = new NpgsqlConnectionStringBuilder(host.ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync(Token);
        await using var sessions = new NpgsqlCommand(
            """
            SELECT array_agg(DISTINCT usename::text) FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
            """,
            connection);
        Assert.Equal([AppDatabaseRole.Name], (string[])(await sessions.ExecuteScalarAsync(Token))!);
    }

    [Fact]
    public async Task A_host_without_the_migrations_connection_starts_on_a_database_that_is_up_to_date_and_works_as_the_app_role()
    {
        string database;
        await using (var migrating = await ServiceHost.StartAsync())
        {
            database = migrating.ConnectionString;
        }

        await using var host = await ServiceHost.StartAsync(database, new Dictionary<string, string?> { ["ConnectionStrings:Migrations"] = null });
        using var api = new CaseApi(host, DemoUsers.OsloOfficer);
        var caseId = await api.RegisterAsync();

        Assert.Equal(caseId, (await api.GetAsync(caseId)).Id);
    }

    [Fact]
    public async Task A_privilege_granted_by_hand_is_taken_back_at_the_next_start()
    {
        string database;
        await using (var first = await ServiceHost.StartAsync())
        {
            database = first.ConnectionString;
        }

        await using (var owner = new NpgsqlConnection(database))
        {
            await owner.OpenAsync(Token);
            await using var grant = new NpgsqlCommand($"GRANT ALL ON access_log, workflow.journal TO {AppDatabaseRole.Name}", owner);
            await grant.ExecuteNonQueryAsync(Token);
        }

        await using var restarted = await ServiceHost.StartAsync(database);

        Assert.Equal(
            [("access_log", "INSERT"), ("access_log", "SELECT"), ("journal", "INSERT"), ("journal", "SELECT")],
            await PrivilegesAsync(database, "access_log", "journal"));
    }

    private async Task<Guid> RegisteredAndReadCaseAsync()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var caseId = await api.RegisterAsync();
        await api.GetAsync(caseId);
        return caseId;
    }

    private async Task<int> AsAppRoleAsync(string statement, Guid caseId)
    {
        await using var connection = new NpgsqlConnection(shared.Host.AppConnectionString);
        await connection.OpenAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        await using var command = new NpgsqlCommand(statement, connection, transaction);
        command.Parameters.AddWithValue("case", caseId);
        try
        {
            return await command.ExecuteNonQueryAsync(Token);
        }
        finally
        {
            await transaction.RollbackAsync(Token);
        }
    }

    private async Task<T> AsAppRoleScalarAsync<T>(string sql, Guid caseId)
    {
        await using var connection = new NpgsqlConnection(shared.Host.AppConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("case", caseId);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    private async Task<T> OwnerScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(shared.Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("role", AppDatabaseRole.Name);
        await using var reader = await command.ExecuteReaderAsync(Token);
        await reader.ReadAsync(Token);
        return reader.GetFieldValue<T>(0);
    }

    private async Task<(long AccessLog, long Journal)> RowCountsAsync(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(shared.Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM access_log WHERE case_id = @case), (SELECT count(*) FROM workflow.journal WHERE instance_id = @case)
            """,
            connection);
        command.Parameters.AddWithValue("case", caseId);
        await using var reader = await command.ExecuteReaderAsync(Token);
        await reader.ReadAsync(Token);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<List<(string Table, string Privilege)>> PrivilegesAsync(string database, params string[] tables)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name::text, privilege_type::text FROM information_schema.role_table_grants
            WHERE grantee = @role AND table_name = ANY(@tables) ORDER BY table_name, privilege_type
            """,
            connection);
        command.Parameters.AddWithValue("role", AppDatabaseRole.Name);
        command.Parameters.AddWithValue("tables", tables);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var privileges = new List<(string, string)>();
        while (await reader.ReadAsync(Token))
        {
            privileges.Add((reader.GetString(0), reader.GetString(1)));
        }

        return privileges;
    }
}
