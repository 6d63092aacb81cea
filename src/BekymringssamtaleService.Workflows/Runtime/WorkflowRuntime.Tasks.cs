using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>User tasks the host adds, and tasks that outlive their due time: the escalation to the role their workflow names.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>Adds an open task (see <see cref="UserTasks.AddAsync"/>), escalated as the instance's workflow escalates its tasks.</summary>
    public async Task AddTaskAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewTask task, CancellationToken cancellationToken)
    {
        int definitionId;
        await using (var instance = new NpgsqlCommand("SELECT definition_id FROM workflow.instances WHERE id = @id", connection, transaction))
        {
            instance.Parameters.AddWithValue("id", task.InstanceId);
            definitionId = (int)(await instance.ExecuteScalarAsync(cancellationToken))!;
        }

        var escalation = (await definitions.GetAsync(definitionId, cancellationToken)).Definition.TaskEscalation;
        await UserTasks.AddAsync(connection, transaction, task, escalation, now: time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Escalates up to a batch of open tasks whose escalation time has come, oldest first, and journals each
    /// ("task-escalated", the task's name). One statement: the rows are claimed with SKIP LOCKED, so hosts running it
    /// at the same moment share the work, and a task once escalated is never escalated again. A task completed or
    /// cancelled before its time is not open, so it is never escalated. Returns how many were escalated.
    /// </summary>
    public async Task<int> EscalateOverdueTasksAsync(int batchSize, CancellationToken cancellationToken)
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
}

/// <summary>A user task the host adds outside the definition's states (an activity's, a refused address's).</summary>
public sealed record NewTask(Guid Id, Guid InstanceId, string Name, string Title, string CandidateRole, DateTimeOffset DueAt);

public static class UserTasks
{
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
}
