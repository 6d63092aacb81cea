using System.Diagnostics.Metrics;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>The engine applies its own schema: on an empty database, on one the host's earlier migrations prepared, and again.</summary>
public sealed class WorkflowSchemaTests
{
    private static readonly string[] AllScripts =
        ["JournalAppendOnly", "TimersWithoutJobs", "Version1", "Version2TaskEscalation", "Version3ActivityRetries", "Version4TasksAreWork"];

    /// <summary>Everything of the schema an applied script leaves behind, one line each, sorted.</summary>
    private const string SchemaShape = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
            FROM information_schema.columns WHERE table_schema = 'workflow'
            UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'workflow'
            UNION ALL SELECT 'trigger ' || tgname || ' on ' || tgrelid::regclass::text FROM pg_trigger
                WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'workflow.%'
            UNION ALL SELECT 'applied ' || name || ' at ' || applied_at::text FROM workflow.schema_history
        ) shape
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_database_gets_every_script_and_applying_the_schema_again_changes_nothing()
    {
        await using var database = NpgsqlDataSource.Create(await TestDatabase.CreateAsync("schema", Token));

        await WorkflowSchema.ApplyAsync(database, Token);
        var once = await ScalarAsync<string>(database, SchemaShape);
        await WorkflowSchema.ApplyAsync(database, Token);

        Assert.Equal(AllScripts, await AppliedAsync(database));
        Assert.Contains("column activity_executions.next_attempt_at timestamp with time zone YES", once, StringComparison.Ordinal);
        Assert.DoesNotContain("job_id", once, StringComparison.Ordinal);
        Assert.Equal(once, await ScalarAsync<string>(database, SchemaShape));
    }

    [Fact]
    public async Task A_database_the_hosts_earlier_migrations_prepared_is_adopted_and_brought_up_to_date_once()
    {
        await using var database = NpgsqlDataSource.Create(await TestDatabase.CreateAsync("adopt", Token));
        // What the host's EF Core migrations applied before the engine kept its own history: the first four scripts.
        foreach (var script in new[] { WorkflowSchema.Version1, WorkflowSchema.JournalAppendOnly, WorkflowSchema.Version2TaskEscalation, WorkflowSchema.TimersWithoutJobs })
        {
            await ExecuteAsync(database, script);
        }

        // An instance whose activity the job system was still to run when the host was upgraded.
        var createdAt = EngineDatabase.Start - TimeSpan.FromMinutes(5);
        var (instance, execution) = (Guid.CreateVersion7(createdAt), Guid.CreateVersion7(createdAt));
        await ExecuteAsync(
            database,
            """
            INSERT INTO workflow.definitions (name, version, content_hash, content, published_at) VALUES ('probe', 1, 'hash', @content, @at);
            INSERT INTO workflow.instances (id, definition_id, unit_code, state, entry, state_entered_at, data, version, created_at, updated_at)
            SELECT @instance, id, 'OSLO-SENTRUM', 'Working', 2, @at, '{"failures": 0}', 3, @at, @at FROM workflow.definitions;
            INSERT INTO workflow.activity_executions (id, instance_id, activity, input, status, created_at)
            VALUES (@execution, @instance, 'flaky', '{}', 'pending', @at);
            """,
            ("content", ProbeWorkflow.Definition), ("at", createdAt), ("instance", instance), ("execution", execution));

        await WorkflowSchema.ApplyAsync(database, Token);
        var adopted = await ScalarAsync<string>(database, SchemaShape);
        await WorkflowSchema.ApplyAsync(database, Token);

        Assert.Equal(AllScripts, await AppliedAsync(database));
        Assert.Equal(adopted, await ScalarAsync<string>(database, SchemaShape));
        Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT count(*) FROM pg_trigger WHERE tgname = 'journal_append_only'"));
        Assert.Equal(createdAt, await ScalarAsync<DateTimeOffset>(database, "SELECT next_attempt_at FROM workflow.activity_executions WHERE id = @id", ("id", execution)));

        // The engine runs on it: the execution left over is due at once.
        var flaky = new FlakyActivity();
        using var meter = new Meter(nameof(WorkflowSchemaTests));
        var engine = new WorkflowEngine(database, ProbeWorkflow.Vocabulary, [flaky], TimerCalendar.None, EngineDatabase.Retries, new WorkflowMetrics(meter), new FakeTimeProvider(EngineDatabase.Start));
        Assert.Equal(1, await engine.Activities.RunDueRetriesAsync(batchSize: 100, Token));
        Assert.Equal("done", await ScalarAsync<string>(database, "SELECT status FROM workflow.activity_executions WHERE id = @id", ("id", execution)));
        Assert.Equal(1, flaky.SuccessesOf(execution));
    }

    private static async Task<IReadOnlyList<string>> AppliedAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT name FROM workflow.schema_history ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(Token);
        var names = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        // Read as the type asked for: ExecuteScalar gives a timestamptz as DateTime.
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token), "The query returned no row.");
        return reader.GetFieldValue<T>(0);
    }
}
