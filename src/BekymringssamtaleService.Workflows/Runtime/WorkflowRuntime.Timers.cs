using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>Timers: the job that fires one, and the reconciler that hands over what a crash left behind.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// The job a timer's schedule runs. It claims the row only if it is still pending, due, and belongs to the state
    /// entry the instance is in now; a stale, early or duplicate job changes nothing.
    /// </summary>
    public async Task FireTimerAsync(Guid timerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var claim = new NpgsqlCommand(
            """
            UPDATE workflow.timers t SET status = 'fired', fired_at = @now
            FROM workflow.instances i
            WHERE t.id = @id AND t.status = 'pending' AND t.due_at <= @now AND i.id = t.instance_id AND i.entry = t.entry
            RETURNING t.instance_id, t.name, i.definition_id, i.state
            """,
            connection,
            transaction);
        claim.Parameters.AddWithValue("id", timerId);
        claim.Parameters.AddWithValue("now", now);
        Guid instanceId;
        string name;
        int definitionId;
        string state;
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return;
            }

            (instanceId, name, definitionId, state) = (reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3));
        }

        var timer = (await definitions.GetAsync(definitionId, cancellationToken)).Definition.State(state).Timers.SingleOrDefault(t => t.Name == name);
        var work = new Work();
        await using var batch = new NpgsqlBatch(connection, transaction);
        // A timer the instance's version no longer has (it was migrated) is dropped, visibly.
        Journal(batch, instanceId, now, timer is null ? "timer-dropped" : "timer", name, state, null, Actor.System.Id);
        if (timer?.Run is not null)
        {
            Execute(batch, work, instanceId, timer.Run, now);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await HandOverAsync(work, now, cancellationToken);
        if (timer?.Fire is not null)
        {
            await FireAsync(instanceId, timer.Fire, [], Actor.System, cancellationToken);
        }
    }

    /// <summary>
    /// Fires the timers due now, oldest first, up to a batch, several at once: the fast path at volume, beside each
    /// timer's scheduled job (whichever comes first claims the timer; the other finds it fired). Returns how many were due.
    /// </summary>
    public async Task<int> FireDueTimersAsync(int batchSize, int parallelism, CancellationToken cancellationToken)
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

        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (timerId, token) => await FireTimerAsync(timerId, token));
        return due.Count;
    }

    /// <summary>
    /// Repairs what a crash or a lost job can leave: timers that are due, have no job, or whose job the job system no
    /// longer has; and activity executions still pending. Safe to run any time, on any host: the jobs claim their rows.
    /// </summary>
    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var work = new Work();
        await using (var command = database.CreateCommand("SELECT id, due_at, job_id FROM workflow.timers WHERE status = 'pending' ORDER BY due_at"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var dueAt = reader.GetFieldValue<DateTimeOffset>(1);
                var jobId = await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetString(2);
                if (jobId is null || dueAt <= now || !jobs.IsTimerScheduled(jobId))
                {
                    work.Timers.Add((reader.GetGuid(0), dueAt));
                }
            }
        }

        await using (var command = database.CreateCommand("SELECT id FROM workflow.activity_executions WHERE status = 'pending'"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                work.Activities.Add(reader.GetGuid(0));
            }
        }

        await HandOverAsync(work, now, cancellationToken);
        return new ReconcileReport(work.Timers.Count, work.Activities.Count);
    }
}
