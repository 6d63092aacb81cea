using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// User tasks beyond those a state creates when it is entered: tasks the host adds (an activity's, a refused
/// address's), completing a task (with its trigger, if it has one), and escalating tasks that outlive their due time
/// to the role their workflow names.
/// </summary>
public sealed class UserTasks(NpgsqlDataSource database, PublishedDefinitions definitions, WorkflowTransitions transitions, TimeProvider time)
{
    /// <summary>Adds an open task (see <see cref="AddAsync(NpgsqlConnection, NpgsqlTransaction, NewTask, TaskEscalation?, DateTimeOffset, CancellationToken)"/>), escalated as the instance's workflow escalates its tasks.</summary>
    public async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewTask task, CancellationToken cancellationToken)
    {
        int definitionId;
        await using (var instance = new NpgsqlCommand("SELECT definition_id FROM workflow.instances WHERE id = @id", connection, transaction))
        {
            instance.Parameters.AddWithValue("id", task.InstanceId);
            definitionId = (int)(await instance.ExecuteScalarAsync(cancellationToken))!;
        }

        var escalation = (await definitions.GetAsync(definitionId, cancellationToken)).Definition.TaskEscalation;
        await AddAsync(connection, transaction, task, escalation, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Adds an open task to the instance's current state entry and unit, in the caller's transaction. The id is the
    /// caller's (an execution's, a letter's): adding it again adds nothing.
    /// </summary>
    public static async Task AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NewTask task, TaskEscalation? escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO workflow.tasks (id, instance_id, entry, name, title, candidate_role, unit_code, due_at, status, created_at, escalate_at, escalate_to)
            SELECT @id, i.id, i.entry, @name, @title, @role, i.unit_code, @due, 'open', @now, @escalateAt, @escalateTo
            FROM workflow.instances i WHERE i.id = @instance
            ON CONFLICT (id) DO NOTHING
            """,
            connection,
            transaction);
        insert.Parameters.AddWithValue("id", task.Id);
        insert.Parameters.AddWithValue("instance", task.InstanceId);
        insert.Parameters.AddWithValue("name", task.Name);
        insert.Parameters.AddWithValue("title", task.Title);
        insert.Parameters.AddWithValue("role", task.CandidateRole);
        insert.Parameters.AddWithValue("due", task.DueAt);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("escalateAt", (object?)escalation?.EscalateAt(task.DueAt) ?? DBNull.Value);
        insert.Parameters.AddWithValue("escalateTo", (object?)escalation?.To ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Completes an open user task as the actor (who must hold its candidate role). A task that completes with a
    /// trigger fires it in the same transaction: both happen or neither.
    /// </summary>
    public async Task<TaskCompletion> CompleteAsync(Guid taskId, JsonObject input, Actor actor, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT instance_id, candidate_role, assignee, completes_trigger FROM workflow.tasks WHERE id = @id AND status = 'open'");
        command.Parameters.AddWithValue("id", taskId);
        Guid instanceId;
        string candidateRole;
        string? assignee;
        string? trigger;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new TaskCompletion(TaskCompletionStatus.NotFound);
            }

            instanceId = reader.GetGuid(0);
            candidateRole = reader.GetString(1);
            assignee = await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetString(2);
            trigger = await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3);
        }

        if (assignee != actor.Id && !actor.Roles.Contains(candidateRole))
        {
            return new TaskCompletion(TaskCompletionStatus.NotACandidate);
        }

        if (trigger is not null)
        {
            var outcome = await transitions.FireAsync(instanceId, trigger, input, actor, (_, _) => Task.CompletedTask, taskId, cancellationToken);
            return new TaskCompletion(outcome is FireOutcome.Fired ? TaskCompletionStatus.Completed : TaskCompletionStatus.TriggerNotFired, outcome);
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        Complete(batch, taskId, actor, now);
        Statements.Journal(batch, instanceId, now, "task", "completed", null, null, actor.Id);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return new TaskCompletion(TaskCompletionStatus.Completed);
    }

    /// <summary>
    /// Escalates up to a batch of open tasks whose escalation time has come, oldest first, and journals each
    /// ("task-escalated", the task's name). One statement: the rows are claimed with SKIP LOCKED, so hosts running it
    /// at the same moment share the work, and a task once escalated is never escalated again. A task completed or
    /// cancelled before its time is not open, so it is never escalated. Returns how many were escalated.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            WITH due AS (
                SELECT id FROM workflow.tasks
                WHERE status = 'open' AND escalated_at IS NULL AND escalate_at <= @now
                ORDER BY escalate_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED
            ), escalated AS (
                UPDATE workflow.tasks t SET escalated_at = @now
                FROM due WHERE t.id = due.id
                RETURNING t.instance_id, t.name
            )
            INSERT INTO workflow.journal (instance_id, at, kind, code, actor_id)
            SELECT instance_id, @now, 'task-escalated', name, @actor FROM escalated
            """);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("limit", batchSize);
        command.Parameters.AddWithValue("actor", Actor.System.Id);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static void Complete(NpgsqlBatch batch, Guid taskId, Actor actor, DateTimeOffset now) =>
        Statements.Add(batch, "UPDATE workflow.tasks SET status = 'done', completed_at = @now, completed_by = @actor WHERE id = @id AND status = 'open'",
            ("id", taskId), ("now", now), ("actor", actor.Id));
}

/// <summary>A user task the host adds outside the definition's states (an activity's, a refused address's).</summary>
public sealed record NewTask(Guid Id, Guid InstanceId, string Name, string Title, string CandidateRole, DateTimeOffset DueAt);
