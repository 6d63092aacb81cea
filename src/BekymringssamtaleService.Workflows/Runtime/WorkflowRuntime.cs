using System.Globalization;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;
using NpgsqlTypes;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Starts instances and fires triggers. One trigger is one database transaction: the new state, the journal row,
/// the timers and user tasks of the state entered, and the activity executions to run — all or nothing. After the
/// commit the timers are scheduled and the activities enqueued, by id; a crash in between is repaired by
/// <see cref="ReconcileAsync"/>.
/// </summary>
public sealed class WorkflowRuntime(
    NpgsqlDataSource database,
    PublishedDefinitions definitions,
    WorkflowVocabulary vocabulary,
    IEnumerable<IWorkflowActivityHandler> handlers,
    IWorkflowJobs jobs,
    TimeProvider time)
{
    // As with other registrations, a later handler for the same activity replaces an earlier one.
    private readonly Dictionary<string, IWorkflowActivityHandler> _handlers = handlers
        .GroupBy(handler => handler.Name, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);

    public async Task<Guid> StartAsync(string workflow, string unitCode, JsonObject data, Actor actor, CancellationToken cancellationToken)
    {
        var published = definitions.Latest(workflow);
        var definition = published.Definition;
        var now = time.GetUtcNow();
        var instance = new InstanceRow(Guid.CreateVersion7(now), published.Id, unitCode, definition.Initial, null, 1, now, (JsonObject)data.DeepClone(), 1);
        var work = new Work();

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO workflow.instances (id, definition_id, unit_code, state, previous_state, entry, state_entered_at, data, version, created_at, updated_at)
            VALUES (@id, @definition, @unit, @state, NULL, 1, @now, @data, 1, @now, @now)
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("id", instance.Id);
            insert.Parameters.AddWithValue("definition", published.Id);
            insert.Parameters.AddWithValue("unit", unitCode);
            insert.Parameters.AddWithValue("state", definition.Initial);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("data", NpgsqlDbType.Jsonb, instance.Data.ToJsonString());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var batch = new NpgsqlBatch(connection, transaction);
        Journal(batch, instance.Id, now, "started", workflow, null, definition.Initial, actor.Id);
        Enter(batch, work, definition.State(definition.Initial), instance, now);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await HandOverAsync(work, now, cancellationToken);
        return instance.Id;
    }

    /// <summary>The triggers this actor may fire on the instance now (state × role × guard), for the UI to offer.</summary>
    public async Task<IReadOnlyList<TriggerDefinition>> PermittedAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var instance = await LoadAsync(connection, null, instanceId, cancellationToken);
        if (instance is null)
        {
            return [];
        }

        var definition = (await definitions.GetAsync(instance.DefinitionId, cancellationToken)).Definition;
        return new WorkflowMachine(definition, vocabulary).Permitted(instance.State, actor.Roles, instance.Data);
    }

    public Task<FireOutcome> FireAsync(Guid instanceId, string triggerName, JsonObject input, Actor actor, CancellationToken cancellationToken) =>
        FireAsync(instanceId, triggerName, input, actor, completingTask: null, cancellationToken);

    /// <summary>
    /// Completes an open user task as the actor (who must hold its candidate role). A task that completes with a
    /// trigger fires it in the same transaction: both happen or neither.
    /// </summary>
    public async Task<TaskCompletion> CompleteTaskAsync(Guid taskId, JsonObject input, Actor actor, CancellationToken cancellationToken)
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
            var outcome = await FireAsync(instanceId, trigger, input, actor, taskId, cancellationToken);
            return new TaskCompletion(outcome is FireOutcome.Fired ? TaskCompletionStatus.Completed : TaskCompletionStatus.TriggerNotFired, outcome);
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var batch = new NpgsqlBatch(connection);
        CompleteTask(batch, taskId, actor, now);
        Journal(batch, instanceId, now, "task", "completed", null, null, actor.Id);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return new TaskCompletion(TaskCompletionStatus.Completed);
    }

    private async Task<FireOutcome> FireAsync(
        Guid instanceId, string triggerName, JsonObject input, Actor actor, Guid? completingTask, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var instance = await LoadAsync(connection, transaction, instanceId, cancellationToken);
        if (instance is null)
        {
            return new FireOutcome.NotFound();
        }

        var definition = (await definitions.GetAsync(instance.DefinitionId, cancellationToken)).Definition;
        var machine = new WorkflowMachine(definition, vocabulary);
        if (!definition.HasTrigger(triggerName))
        {
            return new FireOutcome.Refused(TriggerCheck.UnknownTrigger);
        }

        var trigger = definition.Trigger(triggerName);
        var inputErrors = WorkflowMachine.InputErrors(trigger, input);
        if (inputErrors.Count > 0)
        {
            return new FireOutcome.InvalidInput(inputErrors);
        }

        var data = Merge(instance.Data, trigger.Set, input);
        var check = machine.Check(triggerName, instance.State, actor.Roles, data);
        if (check != TriggerCheck.Allowed)
        {
            return new FireOutcome.Refused(check);
        }

        var now = time.GetUtcNow();
        var target = WorkflowMachine.Target(trigger, instance.State, instance.PreviousState);
        var entering = !trigger.Stays;
        var next = instance with
        {
            State = target,
            PreviousState = entering ? instance.State : instance.PreviousState,
            Entry = entering ? instance.Entry + 1 : instance.Entry,
            StateEnteredAt = entering ? now : instance.StateEnteredAt,
            Data = data,
            Version = instance.Version + 1,
        };

        // One round trip for every write: the versioned update first, then the rest. If the update found another
        // version, someone else won the race and the whole transaction is rolled back below.
        var work = new Work();
        var batch = new NpgsqlBatch(connection, transaction);
        var update = Update(batch, instance, next, now);
        Journal(batch, instance.Id, now, "transition", trigger.Name, instance.State, target, actor.Id);
        if (completingTask is not null)
        {
            CompleteTask(batch, completingTask.Value, actor, now);
        }

        if (entering)
        {
            Leave(batch, work, definition.State(instance.State), instance);
        }

        foreach (var call in trigger.Activities)
        {
            Execute(batch, work, instance.Id, call, now);
        }

        if (entering)
        {
            Enter(batch, work, definition.State(target), next, now);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (update.RecordsAffected != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new FireOutcome.Conflict();
        }

        await transaction.CommitAsync(cancellationToken);
        await HandOverAsync(work, now, cancellationToken);
        return new FireOutcome.Fired(instance.State, target, next.Version);
    }

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
        var batch = new NpgsqlBatch(connection, transaction);
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
    /// Moves the workflow's open instances to another published version. Instances whose state (or the state they
    /// would resume to) the target version lacks are refused and stay where they are. A dry run changes nothing.
    /// </summary>
    public async Task<MigrationPlan> MigrateAsync(string workflow, int toVersion, bool dryRun, Actor actor, CancellationToken cancellationToken)
    {
        var targetId = await ScalarAsync<int?>(
            "SELECT id FROM workflow.definitions WHERE name = @name AND version = @version", cancellationToken, ("name", workflow), ("version", toVersion))
            ?? throw new ArgumentException($"The workflow {workflow} has no version {toVersion}.", nameof(toVersion));
        var target = (await definitions.GetAsync(targetId, cancellationToken)).Definition;

        var items = new List<MigrationItem>();
        await using (var command = database.CreateCommand(
            """
            SELECT i.id, d.version, i.state, i.previous_state FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id
            WHERE d.name = @name AND d.id <> @target ORDER BY i.id
            """))
        {
            command.Parameters.AddWithValue("name", workflow);
            command.Parameters.AddWithValue("target", targetId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var state = reader.GetString(2);
                var previous = await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3);
                var refusal = !target.States.Any(s => s.Name == state) ? $"Versjon {toVersion} mangler steget {state}."
                    : previous is not null && !target.States.Any(s => s.Name == previous) ? $"Versjon {toVersion} mangler steget {previous}, som saken går tilbake til."
                    : null;
                items.Add(new MigrationItem(reader.GetGuid(0), reader.GetInt32(1), state, refusal));
            }
        }

        if (!dryRun)
        {
            var now = time.GetUtcNow();
            foreach (var item in items.Where(item => item.Refusal is null))
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken);
                var batch = new NpgsqlBatch(connection);
                Add(batch, "UPDATE workflow.instances SET definition_id = @target, version = version + 1, updated_at = @now WHERE id = @id",
                    ("target", targetId), ("now", now), ("id", item.InstanceId));
                Journal(batch, item.InstanceId, now, "migrated", $"{item.FromVersion}->{toVersion}", item.State, item.State, actor.Id);
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return new MigrationPlan(workflow, toVersion, dryRun, items);
    }

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
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var claim = new NpgsqlCommand(
                """
                SELECT e.instance_id, e.activity, e.input::text, i.unit_code, i.state, i.data::text, i.entry
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
                context = new ActivityContext(
                    executionId, reader.GetGuid(0), reader.GetString(3), reader.GetString(4), reader.GetInt64(6),
                    JsonNode.Parse(reader.GetString(5))!.AsObject(), JsonNode.Parse(reader.GetString(2))!.AsObject(), now, connection, transaction);
            }

            try
            {
                if (!_handlers.TryGetValue(activity, out var handler))
                {
                    throw new ActivityNotImplementedException(activity);
                }

                await handler.RunAsync(context, cancellationToken);
                var batch = new NpgsqlBatch(connection, transaction);
                Add(batch, "UPDATE workflow.activity_executions SET status = 'done', attempts = attempts + 1, error_code = NULL, finished_at = @now WHERE id = @id",
                    ("id", executionId), ("now", now));
                Journal(batch, context.InstanceId, now, "activity", activity, context.State, null, Actor.System.Id);
                AddClearIncident(batch, context.InstanceId);
                await batch.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await transaction.RollbackAsync(cancellationToken);
                await RecordIncidentAsync(connection, executionId, context.InstanceId, activity, exception, now, cancellationToken);
                // The job system logs what is thrown; the original message may carry personal data, so only codes go on.
                throw new ActivityFailedException(activity, exception.GetType().Name);
            }
        }
    }

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

        var batch = new NpgsqlBatch(connection, transaction);
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
        var batch = new NpgsqlBatch(connection);
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

    /// <summary>
    /// Repairs what a crash between commit and hand-over can leave: timers that are due or have no job, and activity
    /// executions still pending. Safe to run any time, on any host: the jobs claim their rows.
    /// </summary>
    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var work = new Work();
        await using (var command = database.CreateCommand(
            "SELECT id, due_at FROM workflow.timers WHERE status = 'pending' AND (job_id IS NULL OR due_at <= @now)"))
        {
            command.Parameters.AddWithValue("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                work.Timers.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
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

    private async Task HandOverAsync(Work work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (timerId, dueAt) in work.Timers)
        {
            var delay = dueAt > now ? dueAt - now : TimeSpan.Zero;
            var jobId = jobs.ScheduleTimer(timerId, delay);
            await using var command = database.CreateCommand("UPDATE workflow.timers SET job_id = @job WHERE id = @id AND status = 'pending'");
            command.Parameters.AddWithValue("job", jobId);
            command.Parameters.AddWithValue("id", timerId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var executionId in work.Activities)
        {
            jobs.RunActivity(executionId);
        }
    }

    private static async Task<InstanceRow?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT definition_id, unit_code, state, previous_state, entry, state_entered_at, data::text, version FROM workflow.instances WHERE id = @id",
            connection,
            transaction);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new InstanceRow(
            id,
            reader.GetInt32(0),
            reader.GetString(1),
            reader.GetString(2),
            await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3),
            reader.GetInt64(4),
            reader.GetFieldValue<DateTimeOffset>(5),
            JsonNode.Parse(reader.GetString(6))!.AsObject(),
            reader.GetInt32(7));
    }

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

    private static void Enter(NpgsqlBatch batch, Work work, StateDefinition state, InstanceRow instance, DateTimeOffset now)
    {
        foreach (var call in state.OnEntry)
        {
            Execute(batch, work, instance.Id, call, now);
        }

        foreach (var timer in state.Timers)
        {
            var dueAt = DueAt(timer, instance.Data, now);
            if (dueAt is null || dueAt < now)
            {
                continue; // The instant is unknown, or the moment has passed (a meeting booked two days ahead gets no three-day reminder).
            }

            var timerId = Guid.CreateVersion7(now);
            Add(batch,
                "INSERT INTO workflow.timers (id, instance_id, entry, name, due_at, status) VALUES (@id, @instance, @entry, @name, @due, 'pending')",
                ("id", timerId), ("instance", instance.Id), ("entry", instance.Entry), ("name", timer.Name), ("due", dueAt.Value));
            work.Timers.Add((timerId, dueAt.Value));
        }

        foreach (var task in state.Tasks)
        {
            Add(batch,
                """
                INSERT INTO workflow.tasks (id, instance_id, entry, name, title, candidate_role, unit_code, due_at, completes_trigger, status, created_at)
                VALUES (@id, @instance, @entry, @name, @title, @role, @unit, @due, @completes, 'open', @now)
                """,
                ("id", Guid.CreateVersion7(now)), ("instance", instance.Id), ("entry", instance.Entry), ("name", task.Name), ("title", task.Title),
                ("role", task.CandidateRole), ("unit", instance.UnitCode), ("due", now + task.Due), ("completes", (object?)task.Completes ?? DBNull.Value), ("now", now));
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

    private static void Execute(NpgsqlBatch batch, Work work, Guid instanceId, ActivityCall call, DateTimeOffset now)
    {
        var executionId = Guid.CreateVersion7(now);
        Add(batch,
            "INSERT INTO workflow.activity_executions (id, instance_id, activity, input, status, created_at) VALUES (@id, @instance, @activity, @input, 'pending', @now)",
            ("id", executionId), ("instance", instanceId), ("activity", call.Activity), ("input", new Jsonb(call.With.ToJsonString())), ("now", now));
        work.Activities.Add(executionId);
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

    private static JsonObject Merge(JsonObject data, JsonObject set, JsonObject input)
    {
        var merged = (JsonObject)data.DeepClone();
        foreach (var (name, value) in set.Concat(input))
        {
            merged[name] = value?.DeepClone();
        }

        return merged;
    }

    private sealed record InstanceRow(
        Guid Id, int DefinitionId, string UnitCode, string State, string? PreviousState, long Entry, DateTimeOffset StateEnteredAt, JsonObject Data, int Version);

    private sealed record Jsonb(string Text);

    /// <summary>What to hand to the job system once the transaction has committed.</summary>
    private sealed class Work
    {
        public List<(Guid Id, DateTimeOffset DueAt)> Timers { get; } = [];

        public List<Guid> Activities { get; } = [];
    }
}

public sealed record ReconcileReport(int TimersHandedOver, int ActivitiesHandedOver);

public sealed record Incident(Guid ExecutionId, Guid InstanceId, string Activity, string ErrorCode, int Attempts, DateTimeOffset Since);

/// <summary>An activity execution failed; carries the activity's name and the error's type only, never its message.</summary>
public sealed class ActivityFailedException(string activity, string errorCode)
    : Exception($"The activity '{activity}' failed with {errorCode}; the execution is an incident until it succeeds or is resolved.");

/// <summary>A definition names an activity this host has no handler for: an incident until a handler exists or an Admin resolves it.</summary>
public sealed class ActivityNotImplementedException(string activity) : Exception($"No handler is registered for the activity '{activity}'.");
