using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;
using NpgsqlTypes;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>The SQL statements the engine's classes add to a batch, so that one round trip carries a transition's writes.</summary>
internal static class Statements
{
    public static void Journal(NpgsqlBatch batch, Guid instanceId, DateTimeOffset at, string kind, string code, string? from, string? to, string actorId) =>
        Add(batch,
            "INSERT INTO workflow.journal (instance_id, at, kind, code, from_state, to_state, actor_id) VALUES (@instance, @at, @kind, @code, @from, @to, @actor)",
            ("instance", instanceId), ("at", at), ("kind", kind), ("code", code), ("from", (object?)from ?? DBNull.Value), ("to", (object?)to ?? DBNull.Value), ("actor", actorId));

    /// <summary>An execution of an activity, pending until it has run: the caller runs it in the same transaction.</summary>
    public static Guid AddExecution(NpgsqlBatch batch, Guid instanceId, ActivityCall call, DateTimeOffset now)
    {
        var executionId = Guid.CreateVersion7(now);
        Add(batch,
            """
            INSERT INTO workflow.activity_executions (id, instance_id, activity, input, status, created_at, next_attempt_at)
            VALUES (@id, @instance, @activity, @input, 'pending', @now, @now)
            """,
            ("id", executionId), ("instance", instanceId), ("activity", call.Activity), ("input", new Jsonb(call.With.ToJsonString())), ("now", now));
        return executionId;
    }

    public static void ClearIncident(NpgsqlBatch batch, Guid instanceId) =>
        Add(batch,
            """
            UPDATE workflow.instances SET has_incident = false
            WHERE id = @id AND has_incident AND NOT EXISTS (SELECT 1 FROM workflow.activity_executions WHERE instance_id = @id AND status = 'failed')
            """,
            ("id", instanceId));

    public static void Add(NpgsqlBatch batch, string sql, params (string Name, object Value)[] parameters)
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

    public static Jsonb Json(JsonObject value) => new(value.ToJsonString());

    /// <summary>A parameter sent as jsonb.</summary>
    public sealed record Jsonb(string Text);
}
