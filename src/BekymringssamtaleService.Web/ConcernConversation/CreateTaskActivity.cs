using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;
using Npgsql;

namespace BekymringssamtaleService.Web.ConcernConversation;

/// <summary>
/// The createTask activity: a user task for the case's unit when the case's data calls for it, escalated as the
/// workflow's tasks are. The task's id is the execution's id, so running the execution again creates nothing twice.
/// </summary>
public sealed class CreateTaskActivity : IWorkflowActivityHandler
{
    public string Name => "createTask";

    public async Task RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var input = context.Input.Deserialize<CreateTaskInput>(WorkflowDefinitionLoader.ActivityInputOptions)!;
        if (input.OnlyIf is not null && !IsTrue(context.Data[input.OnlyIf]))
        {
            return;
        }

        if (input.Unless is not null && context.Data[input.Unless] is not null)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO workflow.tasks (id, instance_id, entry, name, title, candidate_role, unit_code, due_at, status, created_at, escalate_at, escalate_to)
            VALUES (@id, @instance, @entry, 'createTask', @title, @role, @unit, @due, 'open', @now, @escalateAt, @escalateTo)
            ON CONFLICT (id) DO NOTHING
            """,
            context.Connection,
            context.Transaction);
        command.Parameters.AddWithValue("id", context.ExecutionId);
        command.Parameters.AddWithValue("instance", context.InstanceId);
        command.Parameters.AddWithValue("entry", context.Entry);
        command.Parameters.AddWithValue("title", input.Title);
        command.Parameters.AddWithValue("role", input.CandidateRole);
        command.Parameters.AddWithValue("unit", context.UnitCode);
        var dueAt = context.Now + XmlConvert.ToTimeSpan(input.Due);
        command.Parameters.AddWithValue("due", dueAt);
        command.Parameters.AddWithValue("now", context.Now);
        command.Parameters.AddWithValue("escalateAt", (object?)context.TaskEscalation?.EscalateAt(dueAt) ?? DBNull.Value);
        command.Parameters.AddWithValue("escalateTo", (object?)context.TaskEscalation?.To ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool IsTrue(JsonNode? value) => value is JsonValue flag && flag.TryGetValue<bool>(out var set) && set;
}
