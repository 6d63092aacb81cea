using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Runtime;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>An activity that takes nothing from its definition.</summary>
public sealed record NoInput;

/// <summary>
/// Fails the first runs of each execution, as many as the instance's data says ("failures", from Remind's input), then
/// succeeds: an activity whose far side is down for a while.
/// </summary>
[WorkflowActivity("flaky")]
public sealed class FlakyActivity : WorkflowActivity<NoInput>
{
    private readonly ConcurrentDictionary<Guid, int> _runs = new();
    private readonly ConcurrentDictionary<Guid, int> _successes = new();

    /// <summary>How often the execution has succeeded.</summary>
    public int SuccessesOf(Guid executionId) => _successes.GetValueOrDefault(executionId);

    protected override Task RunAsync(ActivityContext context, NoInput input, CancellationToken cancellationToken)
    {
        var run = _runs.AddOrUpdate(context.ExecutionId, 1, (_, runs) => runs + 1);
        if (run <= context.Data["failures"]!.GetValue<int>())
        {
            throw new InvalidOperationException("The far side is down.");
        }

        _successes.AddOrUpdate(context.ExecutionId, 1, (_, successes) => successes + 1);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Writes a row to the table <see cref="Table"/> in the transaction it runs in: its label, the instance data it was
/// given, and the instance row as that transaction sees it. Then fails if the instance's data says "fail".
/// </summary>
[WorkflowActivity("record")]
public sealed class RecordingActivity : WorkflowActivity<RecordInput>
{
    public const string Table = "activity_writes";

    public const string CreateTable = """
        CREATE TABLE activity_writes (
            execution_id  uuid PRIMARY KEY,
            instance_id   uuid NOT NULL,
            label         text NOT NULL,
            given_state   text NOT NULL,
            given_data    jsonb NOT NULL,
            row_state     text NOT NULL,
            row_version   integer NOT NULL,
            row_data      jsonb NOT NULL
        )
        """;

    protected override async Task RunAsync(ActivityContext context, RecordInput input, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO activity_writes (execution_id, instance_id, label, given_state, given_data, row_state, row_version, row_data)
            SELECT @execution, i.id, @label, @state, @data::jsonb, i.state, i.version, i.data FROM workflow.instances i WHERE i.id = @instance
            """,
            context.Connection,
            context.Transaction);
        command.Parameters.AddWithValue("execution", context.ExecutionId);
        command.Parameters.AddWithValue("instance", context.InstanceId);
        command.Parameters.AddWithValue("label", input.Label);
        command.Parameters.AddWithValue("state", context.State);
        command.Parameters.AddWithValue("data", context.Data.ToJsonString());
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (context.Data["fail"] is JsonValue fail && fail.GetValue<bool>())
        {
            throw new InvalidOperationException("Told to fail after writing.");
        }
    }
}

public sealed record RecordInput(string Label);

/// <summary>Refuses the trigger that runs it, with the reason its definition gives.</summary>
[WorkflowActivity("refuse")]
public sealed class RefusingActivity : WorkflowActivity<RefuseInput>
{
    protected override Task RunAsync(ActivityContext context, RefuseInput input, CancellationToken cancellationToken) =>
        throw new ActivityRefusedException(input.Reason);
}

public sealed record RefuseInput(string Reason);

/// <summary>Adds a task for an officer, due in a day, as the host's createTask does: answered by the triggers its definition names.</summary>
[WorkflowActivity("addTask")]
public sealed class AddTaskActivity : WorkflowActivity<AddTaskInput>
{
    protected override Task RunAsync(ActivityContext context, AddTaskInput input, CancellationToken cancellationToken) =>
        UserTasks.AddAsync(
            context.Connection,
            context.Transaction,
            new NewTask(context.ExecutionId, context.InstanceId, "Follow", input.Title, "Officer", context.Now.AddDays(1), input.AnsweredBy, input.DateLabel),
            context.TaskEscalation,
            context.Now,
            cancellationToken);
}

public sealed record AddTaskInput(string Title, IReadOnlyList<string>? AnsweredBy = null, string? DateLabel = null);
