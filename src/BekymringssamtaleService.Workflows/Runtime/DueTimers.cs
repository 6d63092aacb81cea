using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Timers. A timer row is its own schedule: a due-work pump on every job host fires the rows that are due, in
/// batches, and runs what they start in the same transaction, as a transition runs its activities. Nothing is handed
/// to a job system per timer, so ten thousand reminders due at one instant cost ten thousand claims and sends. A round
/// that finds timers due is a span, each timer a span within it; each fired timer records how late it fired.
/// </summary>
public sealed class DueTimers(
    NpgsqlDataSource database,
    PublishedDefinitions definitions,
    WorkflowTransitions transitions,
    ActivityExecutions activities,
    WorkflowMetrics metrics,
    TimeProvider time)
{
    /// <summary>
    /// Fires the timers due now, oldest first, up to a batch, several at once, and returns how many were due. Hosts
    /// running this side by side share the work: each timer is claimed by one of them.
    /// </summary>
    public async Task<int> FireDueAsync(int batchSize, int parallelism, CancellationToken cancellationToken)
    {
        var due = new List<Guid>(batchSize);
        await using (var command = database.CreateCommand("SELECT id FROM workflow.timers WHERE status = 'pending' AND due_at <= @now ORDER BY due_at LIMIT @limit"))
        {
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.AddWithValue("limit", batchSize);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(reader.GetGuid(0));
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        using var span = WorkflowTracing.Source.StartActivity("fire due timers");
        span?.SetTag(WorkflowTracing.DueTimers, due.Count);
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (timerId, token) => await FireAsync(timerId, token));
        return due.Count;
    }

    /// <summary>
    /// Claims one timer if it is still pending and due, and no other host holds it: a timer of the state entry the
    /// instance is in now is fired — journal, its activity run in the same transaction, its trigger fired after — and
    /// one of an entry the instance has left is cancelled. A timer already fired, or claimed elsewhere, changes nothing.
    /// </summary>
    public async Task FireAsync(Guid timerId, CancellationToken cancellationToken)
    {
        using var span = WorkflowTracing.Source.StartActivity("fire timer");
        span?.SetTag(WorkflowTracing.TimerId, timerId);
        try
        {
            await ClaimAndFireAsync(timerId, span, cancellationToken);
        }
        catch (Exception exception) when (WorkflowTracing.Failed(span, exception))
        {
            throw; // Not reached: the filter only records the failure on the span.
        }
    }

    private async Task ClaimAndFireAsync(Guid timerId, Activity? span, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var claim = new NpgsqlCommand(
            """
            WITH due AS (
                SELECT id FROM workflow.timers WHERE id = @id AND status = 'pending' AND due_at <= @now FOR UPDATE SKIP LOCKED
            )
            UPDATE workflow.timers t SET status = CASE WHEN i.entry = t.entry THEN 'fired' ELSE 'cancelled' END, fired_at = @now
            FROM due, workflow.instances i
            WHERE t.id = due.id AND i.id = t.instance_id
            RETURNING t.instance_id, t.name, i.definition_id, i.state, t.status, i.unit_code, i.entry, i.data::text, t.due_at
            """,
            connection,
            transaction);
        claim.Parameters.AddWithValue("id", timerId);
        claim.Parameters.AddWithValue("now", now);
        Guid instanceId;
        string name;
        int definitionId;
        string state;
        string unitCode;
        long entry;
        string data;
        DateTimeOffset dueAt;
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken) || reader.GetString(4) != "fired")
            {
                // Not claimed: already fired, no longer due, or another host holds it this instant.
                span?.SetTag(WorkflowTracing.Outcome, reader.HasRows ? "cancelled" : "not-claimed");
                await reader.CloseAsync();
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            (instanceId, name, definitionId, state) = (reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3));
            (unitCode, entry, data, dueAt) = (reader.GetString(5), reader.GetInt64(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8));
        }

        var definition = (await definitions.GetAsync(definitionId, cancellationToken)).Definition;
        var timer = definition.State(state).Timers.SingleOrDefault(t => t.Name == name);
        span?.SetTag(WorkflowTracing.Instance, instanceId).SetTag(WorkflowTracing.Timer, name).SetTag(WorkflowTracing.State, state)
            .SetTag(WorkflowTracing.Outcome, timer is null ? "dropped" : "fired");
        await using var batch = new NpgsqlBatch(connection, transaction);
        // A timer the instance's version no longer has (it was migrated) is dropped, visibly.
        Statements.Journal(batch, instanceId, now, timer is null ? "timer-dropped" : "timer", name, state, null, Actor.System.Id);
        var executionId = timer?.Run is { } call ? Statements.AddExecution(batch, instanceId, call, now) : (Guid?)null;
        await batch.ExecuteNonQueryAsync(cancellationToken);

        IWorkflowActivity? ran = null;
        if (executionId is { } id)
        {
            var context = new ActivityContext(
                id, instanceId, unitCode, state, entry, JsonNode.Parse(data)!.AsObject(), (JsonObject)timer!.Run!.With.DeepClone(), now,
                definition.TaskEscalation, connection, transaction);
            ran = await activities.RunAsync(context, timer.Run.Activity, refusalsRefuseTheCaller: false, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        ran?.Committed();
        metrics.TimerFired(definition.Name, name, now - dueAt);
        if (timer?.Fire is not null)
        {
            // The timer row is fired now, so a trigger lost here would never come again. A conflict means another
            // change to the instance committed after this one read it: read it again and fire again, and the trigger's
            // own rules decide (refused if the instance has left the state). Every conflict is someone else's commit,
            // so this ends.
            try
            {
                while (await transitions.FireAsync(instanceId, timer.Fire, [], Actor.System, cancellationToken) is FireOutcome.Conflict)
                {
                }
            }
            catch (ActivityRefusedException)
            {
                // One of the trigger's activities refused it, as a rule of the definition can: the instance stays where
                // it is, and the other timers of the batch go on.
            }
        }
    }
}
