using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>
/// Activities that fail: the trigger commits without their work, the retry round runs them when their next attempt is
/// due, and after the last attempt (three here, 10 s and 20 s apart) they are incidents an administrator retries or resolves.
/// </summary>
public sealed class ActivityExecutionTests(EngineDatabase db) : IClassFixture<EngineDatabase>
{
    private static readonly Actor Administrator = new("forvalter", ["Admin"]);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_activity_that_fails_inside_a_trigger_leaves_the_trigger_committed_and_runs_again_when_its_next_attempt_is_due()
    {
        var instance = await db.StartWorkingAsync();

        var outcome = await RemindAsync(instance, failures: 2);

        Assert.Equal(new FireOutcome.Fired("Working", "Working", 3), outcome);
        var execution = await ExecutionAsync(instance);
        Assert.Equal(new ExecutionRow("pending", 1, "InvalidOperationException", db.Clock.GetUtcNow() + TimeSpan.FromSeconds(10)), await RowAsync(execution));
        Assert.False(await HasIncidentAsync(instance));
        Assert.Equal(["started probe", "transition Begin", "transition Remind", "activity-failed flaky"], await db.JournalAsync(instance));

        db.Clock.Advance(TimeSpan.FromSeconds(9));
        await RunDueRetriesAsync();
        Assert.Equal(1, (await RowAsync(execution)).Attempts);

        db.Clock.Advance(TimeSpan.FromSeconds(1));
        await RunDueRetriesAsync();
        Assert.Equal(new ExecutionRow("pending", 2, "InvalidOperationException", db.Clock.GetUtcNow() + TimeSpan.FromSeconds(20)), await RowAsync(execution));

        db.Clock.Advance(TimeSpan.FromSeconds(20));
        await RunDueRetriesAsync();
        await RunDueRetriesAsync();

        Assert.Equal(new ExecutionRow("done", 3, null, null), await RowAsync(execution));
        Assert.Equal(1, db.Flaky.SuccessesOf(execution));
        Assert.False(await HasIncidentAsync(instance));
        Assert.Equal(
            ["started probe", "transition Begin", "transition Remind", "activity-failed flaky", "activity-failed flaky", "activity flaky"],
            await db.JournalAsync(instance));
    }

    [Fact]
    public async Task After_its_last_attempt_a_failing_activity_is_an_incident_that_an_administrators_retry_runs_once_more()
    {
        var instance = await db.StartWorkingAsync();
        await RemindAsync(instance, failures: 4);
        var execution = await ExecutionAsync(instance);
        await RunUntilFailedAsync(execution);

        Assert.Equal(new ExecutionRow("failed", 3, "InvalidOperationException", null), await RowAsync(execution));
        Assert.True(await HasIncidentAsync(instance));
        var incident = Assert.Single(await db.Engine.Activities.IncidentsAsync(Token), incident => incident.InstanceId == instance);
        Assert.Equal((execution, "flaky", "InvalidOperationException", 3), (incident.ExecutionId, incident.Activity, incident.ErrorCode, incident.Attempts));
        Assert.Equal("incident flaky", (await db.JournalAsync(instance))[^1]);

        // The fourth run fails too: one more attempt, and it is an incident again.
        Assert.True(await db.Engine.Activities.RetryIncidentAsync(execution, Token));
        Assert.False(await db.Engine.Activities.RetryIncidentAsync(execution, Token));
        await RunDueRetriesAsync();
        Assert.Equal(new ExecutionRow("failed", 4, "InvalidOperationException", null), await RowAsync(execution));
        Assert.True(await HasIncidentAsync(instance));

        // The fifth succeeds and clears the incident.
        Assert.True(await db.Engine.Activities.RetryIncidentAsync(execution, Token));
        await RunDueRetriesAsync();

        Assert.Equal(new ExecutionRow("done", 5, null, null), await RowAsync(execution));
        Assert.Equal(1, db.Flaky.SuccessesOf(execution));
        Assert.False(await HasIncidentAsync(instance));
        Assert.DoesNotContain(await db.Engine.Activities.IncidentsAsync(Token), incident => incident.InstanceId == instance);
        Assert.Equal("activity flaky", (await db.JournalAsync(instance))[^1]);
    }

    [Fact]
    public async Task An_incident_an_administrator_resolves_is_never_run_again_and_no_longer_marks_its_instance()
    {
        var instance = await db.StartWorkingAsync();
        await RemindAsync(instance, failures: 100);
        var execution = await ExecutionAsync(instance);
        await RunUntilFailedAsync(execution);

        Assert.True(await db.Engine.Activities.ResolveIncidentAsync(execution, Administrator, Token));
        Assert.False(await db.Engine.Activities.ResolveIncidentAsync(execution, Administrator, Token));
        Assert.False(await db.Engine.Activities.RetryIncidentAsync(execution, Token));
        db.Clock.Advance(TimeSpan.FromHours(1));
        await RunDueRetriesAsync();

        Assert.Equal("resolved", (await RowAsync(execution)).Status);
        Assert.Equal(3, (await RowAsync(execution)).Attempts);
        Assert.False(await HasIncidentAsync(instance));
        Assert.DoesNotContain(await db.Engine.Activities.IncidentsAsync(Token), incident => incident.InstanceId == instance);
        Assert.Equal("incident-resolved flaky forvalter", await db.ScalarAsync<string>(
            "SELECT kind || ' ' || code || ' ' || actor_id FROM workflow.journal WHERE instance_id = @id ORDER BY id DESC LIMIT 1", instance));
        Assert.Equal(0, db.Flaky.SuccessesOf(execution));
    }

    [Fact]
    public async Task What_a_failing_activity_wrote_is_rolled_back_to_its_savepoint_while_the_transition_and_the_hosts_writes_commit()
    {
        var instance = await db.StartWorkingAsync();

        var outcome = await db.Engine.Transitions.FireAsync(
            instance, "Submit", new JsonObject { ["label"] = "utkast", ["fail"] = true }, ProbeWorkflow.Officer, AlongsideWrites.Row, Token);

        Assert.Equal(new FireOutcome.Fired("Working", "Submitted", 3), outcome);
        Assert.Equal("Submitted", await db.StateAsync(instance));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM activity_writes WHERE instance_id = @id", instance));
        Assert.Equal("Working Submitted", await db.ScalarAsync<string>("SELECT from_state || ' ' || to_state FROM alongside_writes WHERE instance_id = @id", instance));
        Assert.Equal("cancelled", await db.ScalarAsync<string>("SELECT status FROM workflow.tasks WHERE instance_id = @id AND name = 'Review'", instance));
        Assert.Equal(["started probe", "transition Begin", "transition Submit", "task-cancelled Review", "activity-failed record"], await db.JournalAsync(instance));
        Assert.Equal("pending 1", await db.ScalarAsync<string>(
            "SELECT status || ' ' || attempts FROM workflow.activity_executions WHERE instance_id = @id AND activity = 'record'", instance));
    }

    private Task<FireOutcome> RemindAsync(Guid instance, int failures) =>
        db.Engine.Transitions.FireAsync(instance, "Remind", new JsonObject { ["failures"] = failures }, ProbeWorkflow.Officer, Token);

    private Task<Guid> ExecutionAsync(Guid instance) =>
        db.ScalarAsync<Guid>("SELECT id FROM workflow.activity_executions WHERE instance_id = @id AND activity = 'flaky'", instance);

    /// <summary>One round of what every job host's due-work pump does each polling interval.</summary>
    private Task<int> RunDueRetriesAsync() => db.Engine.Activities.RunDueRetriesAsync(batchSize: 100, Token);

    /// <summary>Moves the clock to each next attempt and runs the round, until the execution is an incident.</summary>
    private async Task RunUntilFailedAsync(Guid execution)
    {
        for (var round = 0; round < EngineDatabase.Retries.MaxAttempts && await RowAsync(execution) is { NextAttemptAt: { } next }; round++)
        {
            db.Clock.SetUtcNow(next);
            await RunDueRetriesAsync();
        }

        Assert.Equal("failed", (await RowAsync(execution)).Status);
    }

    private Task<bool> HasIncidentAsync(Guid instance) => db.ScalarAsync<bool>("SELECT has_incident FROM workflow.instances WHERE id = @id", instance);

    private async Task<ExecutionRow> RowAsync(Guid execution)
    {
        await using var command = db.DataSource.CreateCommand("SELECT status, attempts, error_code, next_attempt_at FROM workflow.activity_executions WHERE id = @id");
        command.Parameters.AddWithValue("id", execution);
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        return new ExecutionRow(
            reader.GetString(0),
            reader.GetInt32(1),
            await reader.IsDBNullAsync(2, Token) ? null : reader.GetString(2),
            await reader.IsDBNullAsync(3, Token) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    private sealed record ExecutionRow(string Status, int Attempts, string? ErrorCode, DateTimeOffset? NextAttemptAt);
}
