using System.Text.Json.Nodes;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Runs activities, one way for every caller: inside the transaction of the transition or timer that started them,
/// behind a savepoint. A failure rolls back to the savepoint only; the execution stays pending with its next attempt
/// set, the caller still commits, and a due-work pump runs it again (<see cref="RunDueRetriesAsync"/>) with a growing
/// delay. After the last attempt it is an incident an administrator can retry or resolve.
/// </summary>
public sealed class ActivityExecutions(
    NpgsqlDataSource database, PublishedDefinitions definitions, IEnumerable<IWorkflowActivity> activities, ActivityRetryPolicy retries, TimeProvider time)
{
    private const string BeforeActivity = "before_activity";

    // As with other registrations, a later activity of the same name replaces an earlier one.
    private readonly Dictionary<string, IWorkflowActivity> _activities = activities
        .GroupBy(activity => activity.Name, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);

    /// <summary>
    /// Runs a pending execution in the caller's transaction behind a savepoint and records its outcome there. Returns
    /// the activity when it ran (for <see cref="IWorkflowActivity.Committed"/> once the caller has committed), null when
    /// it failed and waits for a retry. With <paramref name="refusalsRefuseTheCaller"/> an
    /// <see cref="ActivityRefusedException"/> is not caught: the caller's whole transaction is refused.
    /// </summary>
    internal async Task<IWorkflowActivity?> RunAsync(ActivityContext context, string activity, bool refusalsRefuseTheCaller, CancellationToken cancellationToken)
    {
        using var span = WorkflowTracing.Source.StartActivity("run activity");
        span?.SetTag(WorkflowTracing.ActivityName, activity).SetTag(WorkflowTracing.ExecutionId, context.ExecutionId).SetTag(WorkflowTracing.Instance, context.InstanceId);
        await context.Transaction.SaveAsync(BeforeActivity, cancellationToken);
        try
        {
            var ran = Find(activity);
            await ran.RunAsync(context, cancellationToken);
            await using var done = new NpgsqlBatch(context.Connection, context.Transaction);
            Statements.Add(done,
                "UPDATE workflow.activity_executions SET status = 'done', attempts = attempts + 1, error_code = NULL, next_attempt_at = NULL, finished_at = @now WHERE id = @id",
                ("id", context.ExecutionId), ("now", context.Now));
            Statements.Journal(done, context.InstanceId, context.Now, "activity", activity, context.State, null, Actor.System.Id);
            Statements.ClearIncident(done, context.InstanceId);
            await done.ExecuteNonQueryAsync(cancellationToken);
            span?.SetTag(WorkflowTracing.Outcome, "done");
            return ran;
        }
        catch (ActivityRefusedException) when (refusalsRefuseTheCaller)
        {
            span?.SetTag(WorkflowTracing.Outcome, "refused");
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            WorkflowTracing.MarkFailed(span, exception);
            span?.SetTag(WorkflowTracing.Outcome, "failed");
            await context.Transaction.RollbackAsync(BeforeActivity, cancellationToken);
            await RecordFailureAsync(context, activity, exception, cancellationToken);
            return null;
        }
    }

    /// <summary>
    /// Runs the executions whose next attempt is due, oldest first, up to a batch, each in its own transaction, and
    /// returns how many were due. Hosts running this side by side share them: each execution is claimed by one.
    /// </summary>
    public async Task<int> RunDueRetriesAsync(int batchSize, CancellationToken cancellationToken)
    {
        var due = new List<Guid>(batchSize);
        await using (var command = database.CreateCommand(
            "SELECT id FROM workflow.activity_executions WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit"))
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

        using var span = WorkflowTracing.Source.StartActivity("retry due activities");
        span?.SetTag(WorkflowTracing.DueActivities, due.Count);
        foreach (var executionId in due)
        {
            await RetryAsync(executionId, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>Claims one execution if it is still pending and due and no one else holds it, and runs it.</summary>
    public async Task RetryAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ActivityContext context;
        string activity;
        await using (var claim = new NpgsqlCommand(
            """
            SELECT e.instance_id, e.activity, e.input::text, i.unit_code, i.state, i.data::text, i.entry, i.definition_id
            FROM workflow.activity_executions e JOIN workflow.instances i ON i.id = e.instance_id
            WHERE e.id = @id AND e.status = 'pending' AND e.next_attempt_at <= @now
            FOR UPDATE OF e SKIP LOCKED
            """,
            connection,
            transaction))
        {
            claim.Parameters.AddWithValue("id", executionId);
            claim.Parameters.AddWithValue("now", now);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return; // Done already, resolved, not yet due, or being run by another host right now.
            }

            activity = reader.GetString(1);
            var escalation = (await definitions.GetAsync(reader.GetInt32(7), cancellationToken)).Definition.TaskEscalation;
            context = new ActivityContext(
                executionId, reader.GetGuid(0), reader.GetString(3), reader.GetString(4), reader.GetInt64(6),
                JsonNode.Parse(reader.GetString(5))!.AsObject(), JsonNode.Parse(reader.GetString(2))!.AsObject(), now, escalation, connection, transaction);
        }

        var ran = await RunAsync(context, activity, refusalsRefuseTheCaller: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ran?.Committed();
    }

    /// <summary>An administrator's decision that a failed execution will not be run again; clears the incident if it was the last.</summary>
    public async Task<bool> ResolveIncidentAsync(Guid executionId, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid instanceId;
        string activity;
        await using (var command = new NpgsqlCommand(
            "UPDATE workflow.activity_executions SET status = 'resolved', finished_at = @now WHERE id = @id AND status = 'failed' RETURNING instance_id, activity",
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("id", executionId);
            command.Parameters.AddWithValue("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            (instanceId, activity) = (reader.GetGuid(0), reader.GetString(1));
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        Statements.Journal(batch, instanceId, now, "incident-resolved", activity, null, null, actor.Id);
        Statements.ClearIncident(batch, instanceId);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>An administrator's retry of a failed execution: one more attempt, at the pump's next round.</summary>
    public async Task<bool> RetryIncidentAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE workflow.activity_executions SET status = 'pending', next_attempt_at = @now WHERE id = @id AND status = 'failed'");
        command.Parameters.AddWithValue("id", executionId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

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

    private IWorkflowActivity Find(string activity) =>
        _activities.TryGetValue(activity, out var found) ? found : throw new ActivityNotImplementedException(activity);

    /// <summary>
    /// A passing failure sets the next attempt; the last one makes the execution an incident on its instance. The
    /// error is recorded by its type only: exception messages can carry personal data.
    /// </summary>
    private async Task RecordFailureAsync(ActivityContext context, string activity, Exception exception, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        Statements.Add(batch,
            """
            UPDATE workflow.activity_executions
            SET attempts = attempts + 1, error_code = @error,
                status = CASE WHEN attempts + 1 >= @max THEN 'failed' ELSE 'pending' END,
                next_attempt_at = CASE WHEN attempts + 1 >= @max THEN NULL
                                       ELSE @now + make_interval(secs => LEAST(@first * power(2, attempts), @longest)) END
            WHERE id = @id
            """,
            ("id", context.ExecutionId), ("error", exception.GetType().Name), ("max", retries.MaxAttempts), ("now", context.Now),
            ("first", retries.FirstDelay.TotalSeconds), ("longest", retries.LongestDelay.TotalSeconds));
        Statements.Add(batch,
            "UPDATE workflow.instances SET has_incident = true WHERE id = @instance AND EXISTS (SELECT 1 FROM workflow.activity_executions WHERE id = @id AND status = 'failed')",
            ("instance", context.InstanceId), ("id", context.ExecutionId));
        Statements.Add(batch,
            """
            INSERT INTO workflow.journal (instance_id, at, kind, code, actor_id)
            SELECT @instance, @now, CASE status WHEN 'failed' THEN 'incident' ELSE 'activity-failed' END, @activity, @actor
            FROM workflow.activity_executions WHERE id = @id
            """,
            ("instance", context.InstanceId), ("now", context.Now), ("activity", activity), ("actor", Actor.System.Id), ("id", context.ExecutionId));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// How often and how soon a failed activity is tried again: the delay doubles from <see cref="FirstDelay"/> up to
/// <see cref="LongestDelay"/>; after <see cref="MaxAttempts"/> attempts it is an incident.
/// </summary>
public sealed record ActivityRetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan LongestDelay)
{
    public static ActivityRetryPolicy Default { get; } = new(10, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
}

public sealed record Incident(Guid ExecutionId, Guid InstanceId, string Activity, string ErrorCode, int Attempts, DateTimeOffset Since);

/// <summary>A definition names an activity this host has no class for: an incident until one exists or an Admin resolves it.</summary>
public sealed class ActivityNotImplementedException(string activity) : Exception($"No class is registered for the activity '{activity}'.");
