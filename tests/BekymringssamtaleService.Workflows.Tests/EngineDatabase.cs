using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>
/// A test class's own database with the engine's schema applied and the probe workflow published, the engine on it with
/// a clock the tests move, and the test activities. Retries are quick: three attempts, 10 s and then 20 s apart.
/// </summary>
public sealed class EngineDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly ActivityRetryPolicy Retries = new(3, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

    public FakeTimeProvider Clock { get; } = new(Start);

    public FlakyActivity Flaky { get; } = new();

    /// <summary>The meter this database's engines count on, its own, so a test listens to these engines only.</summary>
    public Meter Meter { get; } = new("BekymringssamtaleService.Workflows.Tests");

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public WorkflowEngine Engine { get; private set; } = null!;

    public WorkflowDefinitionLoader Loader { get; } = new(ProbeWorkflow.Vocabulary);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        DataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync("engine", Token));
        await WorkflowSchema.ApplyAsync(DataSource, Token);
        await ExecuteAsync(RecordingActivity.CreateTable);
        await ExecuteAsync(AlongsideWrites.CreateTable);
        Engine = await StartEngineAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Meter.Dispose();
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
    }

    /// <summary>An engine on this database as a host starts one: built, then the definitions published. A second one is another host.</summary>
    public async Task<WorkflowEngine> StartEngineAsync()
    {
        var engine = new WorkflowEngine(
            DataSource, ProbeWorkflow.Vocabulary, [Flaky, new RecordingActivity(), new RefusingActivity(), new AddTaskActivity()], TimerCalendar.None, Retries, new WorkflowMetrics(Meter), Clock);
        await engine.Definitions.PublishAsync([Loader.Load("probe.yaml", ProbeWorkflow.Definition)], Token);
        return engine;
    }

    /// <summary>Starts a probe instance in Waiting.</summary>
    public Task<Guid> StartAsync(JsonObject? data = null) =>
        Engine.Transitions.StartAsync(ProbeWorkflow.Name, ProbeWorkflow.Unit, data ?? [], ProbeWorkflow.Officer, Token);

    /// <summary>Starts a probe instance and begins it: it is Working, at version 2.</summary>
    public async Task<Guid> StartWorkingAsync()
    {
        var instance = await StartAsync(new JsonObject { ["reference"] = "24123458" });
        Assert.IsType<FireOutcome.Fired>(await Engine.Transitions.FireAsync(instance, "Begin", [], ProbeWorkflow.Officer, Token));
        return instance;
    }

    public Task<string> StateAsync(Guid instance) => ScalarAsync<string>("SELECT state FROM workflow.instances WHERE id = @id", instance);

    public Task<int> VersionAsync(Guid instance) => ScalarAsync<int>("SELECT version FROM workflow.instances WHERE id = @id", instance);

    /// <summary>The instance's journal, oldest first, as "kind code" lines.</summary>
    public async Task<IReadOnlyList<string>> JournalAsync(Guid instance)
    {
        await using var command = DataSource.CreateCommand("SELECT kind || ' ' || code FROM workflow.journal WHERE instance_id = @id ORDER BY id");
        command.Parameters.AddWithValue("id", instance);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var lines = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>The one value a query returns; <c>@id</c> in it is the id given.</summary>
    public Task<T> ScalarAsync<T>(string sql, Guid id) => ScalarAsync<T>(sql, ("id", id));

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        // Read as the type asked for: ExecuteScalar gives a timestamptz as DateTime.
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token), "The query returned no row.");
        return reader.GetFieldValue<T>(0);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Token);
    }

    /// <summary>How many sessions on this database wait for a lock another holds.</summary>
    public Task<long> WaitingForLocksAsync() =>
        ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
}

/// <summary>Rows a host writes alongside a transition (its case details, its access log), in the transition's transaction.</summary>
internal static class AlongsideWrites
{
    public const string CreateTable = "CREATE TABLE alongside_writes (instance_id uuid NOT NULL, from_state text, to_state text NOT NULL)";

    public static TransitionWrites Row => async (scope, cancellationToken) =>
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO alongside_writes (instance_id, from_state, to_state) VALUES (@instance, @from, @to)", scope.Connection, scope.Transaction);
        command.Parameters.AddWithValue("instance", scope.InstanceId);
        command.Parameters.AddWithValue("from", (object?)scope.FromState ?? DBNull.Value);
        command.Parameters.AddWithValue("to", scope.ToState);
        await command.ExecuteNonQueryAsync(cancellationToken);
    };
}
