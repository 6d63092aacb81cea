using System.Globalization;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;
using NpgsqlTypes;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>The SQL statements a transition adds to its batch.</summary>
public sealed partial class WorkflowRuntime
{
    // Optimistic concurrency: the update only lands on the version that was read; otherwise someone else won.
    private static NpgsqlBatchCommand Update(NpgsqlBatch batch, InstanceRow before, InstanceRow after, DateTimeOffset now)
    {
        Add(batch,
            """
            UPDATE workflow.instances
            SET state = @state, previous_state = @previous, entry = @entry, state_entered_at = @entered, data = @data, version = @version, updated_at = @now
            WHERE id = @id AND version = @expected
            """,
            ("state", after.State), ("previous", (object?)after.PreviousState ?? DBNull.Value), ("entry", after.Entry), ("entered", after.StateEnteredAt),
            ("data", new Jsonb(after.Data.ToJsonString())), ("version", after.Version), ("now", now), ("id", before.Id), ("expected", before.Version));
        return batch.BatchCommands[^1];
    }

    private async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken) is T result ? result : default;
    }

    private static void CompleteTask(NpgsqlBatch batch, Guid taskId, Actor actor, DateTimeOffset now) =>
        Add(batch, "UPDATE workflow.tasks SET status = 'done', completed_at = @now, completed_by = @actor WHERE id = @id AND status = 'open'",
            ("id", taskId), ("now", now), ("actor", actor.Id));

    private static void Leave(NpgsqlBatch batch, Work work, StateDefinition state, InstanceRow instance)
    {
        // Cancelling is by the instance's state entry, through a partial index: no scan of other instances' rows.
        Add(batch, "UPDATE workflow.timers SET status = 'cancelled' WHERE instance_id = @id AND entry = @entry AND status = 'pending'", ("id", instance.Id), ("entry", instance.Entry));
        Add(batch, "UPDATE workflow.tasks SET status = 'cancelled' WHERE instance_id = @id AND entry = @entry AND status = 'open'", ("id", instance.Id), ("entry", instance.Entry));
        foreach (var call in state.OnExit)
        {
            Execute(batch, work, instance.Id, call, instance.StateEnteredAt);
        }
    }

    private void Enter(NpgsqlBatch batch, Work work, WorkflowDefinition definition, InstanceRow instance, DateTimeOffset now)
    {
        var state = definition.State(instance.State);
        foreach (var call in state.OnEntry)
        {
            Execute(batch, work, instance.Id, call, now);
        }

        foreach (var timer in state.Timers)
        {
            var dueAt = DueAt(timer, instance.Data, now) is { } due ? calendar.Adjust(timer, due) : (DateTimeOffset?)null;
            if (dueAt is null || dueAt < now)
            {
                continue; // The instant is unknown, or the moment has passed (a meeting booked two days ahead gets no three-day reminder).
            }

            Add(batch,
                "INSERT INTO workflow.timers (id, instance_id, entry, name, due_at, status) VALUES (@id, @instance, @entry, @name, @due, 'pending')",
                ("id", Guid.CreateVersion7(now)), ("instance", instance.Id), ("entry", instance.Entry), ("name", timer.Name), ("due", dueAt.Value));
        }

        foreach (var task in state.Tasks)
        {
            var dueAt = now + task.Due;
            var escalation = definition.EscalationOf(task);
            Add(batch,
                """
                INSERT INTO workflow.tasks (id, instance_id, entry, name, title, candidate_role, unit_code, due_at, completes_trigger, status, created_at, escalate_at, escalate_to)
                VALUES (@id, @instance, @entry, @name, @title, @role, @unit, @due, @completes, 'open', @now, @escalateAt, @escalateTo)
                """,
                ("id", Guid.CreateVersion7(now)), ("instance", instance.Id), ("entry", instance.Entry), ("name", task.Name), ("title", task.Title),
                ("role", task.CandidateRole), ("unit", instance.UnitCode), ("due", dueAt), ("completes", (object?)task.Completes ?? DBNull.Value), ("now", now),
                ("escalateAt", (object?)escalation?.EscalateAt(dueAt) ?? DBNull.Value), ("escalateTo", (object?)escalation?.To ?? DBNull.Value));
        }
    }

    private static DateTimeOffset? DueAt(TimerDefinition timer, JsonObject data, DateTimeOffset now)
    {
        if (timer.From == TimerDefinition.StateEntered)
        {
            return now + timer.Offset;
        }

        return data[timer.From] is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var instant)
            ? instant + timer.Offset
            : null;
    }

    private static void Execute(NpgsqlBatch batch, Work work, Guid instanceId, ActivityCall call, DateTimeOffset now) =>
        work.Activities.Add(AddExecution(batch, instanceId, call, now));

    private static Guid AddExecution(NpgsqlBatch batch, Guid instanceId, ActivityCall call, DateTimeOffset now)
    {
        var executionId = Guid.CreateVersion7(now);
        Add(batch,
            "INSERT INTO workflow.activity_executions (id, instance_id, activity, input, status, created_at) VALUES (@id, @instance, @activity, @input, 'pending', @now)",
            ("id", executionId), ("instance", instanceId), ("activity", call.Activity), ("input", new Jsonb(call.With.ToJsonString())), ("now", now));
        return executionId;
    }

    private static void Journal(NpgsqlBatch batch, Guid instanceId, DateTimeOffset at, string kind, string code, string? from, string? to, string actorId) =>
        Add(batch,
            "INSERT INTO workflow.journal (instance_id, at, kind, code, from_state, to_state, actor_id) VALUES (@instance, @at, @kind, @code, @from, @to, @actor)",
            ("instance", instanceId), ("at", at), ("kind", kind), ("code", code), ("from", (object?)from ?? DBNull.Value), ("to", (object?)to ?? DBNull.Value), ("actor", actorId));

    private static void Add(NpgsqlBatch batch, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is Jsonb json
                ? new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json.Text }
                : new NpgsqlParameter(name, value));
        }

        batch.BatchCommands.Add(command);
    }
}
