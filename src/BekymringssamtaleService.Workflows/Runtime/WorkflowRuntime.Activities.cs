using System.Text.Json.Nodes;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>Activity executions and the incidents their failures become.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// The job an activity execution runs. It claims the row (pending or failed), runs the handler in the same
    /// transaction and marks it done. A failure marks the instance with an incident and rethrows, so the job system
    /// retries it with backoff; a later success clears the incident.
    /// </summary>
    public async Task RunActivityAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        ActivityContext context;
        string activity;
        IWorkflowActivityHandler handler;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var claim = new NpgsqlCommand(
                """
                SELECT e.instance_id, e.activity, e.input::text, i.unit_code, i.state, i.data::text, i.entry, i.definition_id
                FROM workflow.activity_executions e JOIN workflow.instances i ON i.id = e.instance_id
                WHERE e.id = @id AND e.status IN ('pending', 'failed')
                FOR UPDATE OF e SKIP LOCKED
                """,
                connection,
                transaction);
            claim.Parameters.AddWithValue("id", executionId);
            await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return; // Done already, resolved, or being run by another worker right now.
                }

                activity = reader.GetString(1);
                var escalation = (await definitions.GetAsync(reader.GetInt32(7), cancellationToken)).Definition.TaskEscalation;
                context = new ActivityContext(
                    executionId, reader.GetGuid(0), reader.GetString(3), reader.GetString(4), reader.GetInt64(6),
                    JsonNode.Parse(reader.GetString(5))!.AsObject(), JsonNode.Parse(reader.GetString(2))!.AsObject(), now, escalation, connection, transaction);
            }

            try
            {
                handler = await RunInTransactionAsync(context, activity, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await transaction.RollbackAsync(cancellationToken);
                await RecordIncidentAsync(connection, executionId, context.InstanceId, activity, exception, now, cancellationToken);
                // The job system logs what is thrown; the original message may carry personal data, so only codes go on.
                throw new ActivityFailedException(activity, exception.GetType().Name);
            }
        }

        await handler.AfterCommitAsync(context, cancellationToken);
    }

    /// <summary>Runs the handler in the context's transaction and marks the execution done in it; returns the handler.</summary>
    private async Task<IWorkflowActivityHandler> RunInTransactionAsync(ActivityContext context, string activity, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(activity, out var handler))
        {
            throw new ActivityNotImplementedException(activity);
        }

        await handler.RunAsync(context, cancellationToken);
        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        Add(batch, "UPDATE workflow.activity_executions SET status = 'done', attempts = attempts + 1, error_code = NULL, finished_at = @now WHERE id = @id",
            ("id", context.ExecutionId), ("now", context.Now));
        Journal(batch, context.InstanceId, context.Now, "activity", activity, context.State, null, Actor.System.Id);
        AddClearIncident(batch, context.InstanceId);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return handler;
    }

    /// <summary>
    /// Repairs what a crash can leave: activity executions committed but never run (the process died before it ran
    /// them or handed them over), recognised by being pending longer than <see cref="ReconcileAfter"/>: a job handed
    /// over normally runs within seconds, and the reconciler should not race it. Hands each to the job system again;
    /// safe on any host at any time, as a run claims its row. Returns how many were handed over.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var pending = new List<Guid>();
        await using (var command = database.CreateCommand("SELECT id FROM workflow.activity_executions WHERE status = 'pending' AND created_at < @before"))
        {
            command.Parameters.AddWithValue("before", time.GetUtcNow() - ReconcileAfter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add(reader.GetGuid(0));
            }
        }

        pending.ForEach(jobs.RunActivity);
        return pending.Count;
    }

    /// <summary>How long an execution may stay pending before the reconciler takes it for one a crash left behind.</summary>
    public static TimeSpan ReconcileAfter { get; } = TimeSpan.FromMinutes(1);

    /// <summary>An administrator's decision that a failed execution will not be run again; clears the incident if it was the last.</summary>
    public async Task<bool> ResolveIncidentAsync(Guid executionId, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE workflow.activity_executions SET status = 'resolved', finished_at = @now WHERE id = @id AND status = 'failed' RETURNING instance_id, activity",
            connection,
            transaction);
        command.Parameters.AddWithValue("id", executionId);
        command.Parameters.AddWithValue("now", now);
        Guid instanceId;
        string activity;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            (instanceId, activity) = (reader.GetGuid(0), reader.GetString(1));
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        Journal(batch, instanceId, now, "incident-resolved", activity, null, null, actor.Id);
        AddClearIncident(batch, instanceId);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>An administrator's retry of a failed execution, now rather than at the next backoff.</summary>
    public void RetryIncident(Guid executionId) => jobs.RunActivity(executionId);

    /// <summary>Failed activity executions, oldest first: the incidents an administrator sees.</summary>
    public async Task<IReadOnlyList<Incident>> IncidentsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT id, instance_id, activity, COALESCE(error_code, ''), attempts, created_at
            FROM workflow.activity_executions WHERE status = 'failed' ORDER BY created_at LIMIT 200
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var incidents = new List<Incident>();
        while (await reader.ReadAsync(cancellationToken))
        {
            incidents.Add(new Incident(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return incidents;
    }

    private static async Task RecordIncidentAsync(
        NpgsqlConnection connection, Guid executionId, Guid instanceId, string activity, Exception exception, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        // The error is recorded by its type only: exception messages can carry personal data.
        Add(batch, "UPDATE workflow.activity_executions SET status = 'failed', attempts = attempts + 1, error_code = @error WHERE id = @id",
            ("id", executionId), ("error", exception.GetType().Name));
        Add(batch, "UPDATE workflow.instances SET has_incident = true WHERE id = @id", ("id", instanceId));
        Journal(batch, instanceId, now, "incident", activity, null, null, Actor.System.Id);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddClearIncident(NpgsqlBatch batch, Guid instanceId) =>
        Add(batch,
            """
            UPDATE workflow.instances SET has_incident = false
            WHERE id = @id AND has_incident AND NOT EXISTS (SELECT 1 FROM workflow.activity_executions WHERE instance_id = @id AND status = 'failed')
            """,
            ("id", instanceId));
}
