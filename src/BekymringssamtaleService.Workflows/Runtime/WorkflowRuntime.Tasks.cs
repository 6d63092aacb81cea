namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>User tasks that outlive their due time: the escalation to the role their workflow names.</summary>
public sealed partial class WorkflowRuntime
{
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
