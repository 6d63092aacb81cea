using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Starts instances and fires triggers. One trigger is one database transaction: the versioned update of the
/// instance, the journal row, the host's own writes, the timers and user tasks of the state entered (those of the
/// state left cancelled), and the activities of the trigger and the states — run in that same transaction, each
/// behind a savepoint, so what they write (letters) shows the instance exactly as the trigger left it. Nothing after
/// the commit can fail the trigger.
/// </summary>
public sealed class WorkflowTransitions(
    NpgsqlDataSource database,
    PublishedDefinitions definitions,
    WorkflowVocabulary vocabulary,
    ActivityExecutions activities,
    TimerCalendar calendar,
    WorkflowMetrics metrics,
    TimeProvider time)
{
    public Task<Guid> StartAsync(string workflow, string unitCode, JsonObject data, Actor actor, CancellationToken cancellationToken) =>
        StartAsync(Guid.CreateVersion7(time.GetUtcNow()), workflow, unitCode, data, actor, NothingAlongside, cancellationToken);

    /// <summary>Starts an instance with the given id; <paramref name="alongside"/> writes the host's own rows in the same transaction.</summary>
    public async Task<Guid> StartAsync(
        Guid instanceId, string workflow, string unitCode, JsonObject data, Actor actor, TransitionWrites alongside, CancellationToken cancellationToken)
    {
        var published = definitions.Latest(workflow);
        var definition = published.Definition;
        var now = time.GetUtcNow();
        var instance = new InstanceRow(instanceId, published.Id, unitCode, definition.Initial, null, 1, now, (JsonObject)data.DeepClone(), 1);
        var executions = new List<(Guid Id, ActivityCall Call)>();

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        Statements.Add(batch,
            """
            INSERT INTO workflow.instances (id, definition_id, unit_code, state, previous_state, entry, state_entered_at, data, version, created_at, updated_at)
            VALUES (@id, @definition, @unit, @state, NULL, 1, @now, @data, 1, @now, @now)
            """,
            ("id", instance.Id), ("definition", published.Id), ("unit", unitCode), ("state", definition.Initial), ("now", now), ("data", Statements.Json(instance.Data)));
        Statements.Journal(batch, instance.Id, now, "started", workflow, null, definition.Initial, actor.Id);
        Enter(batch, executions, definition, instance, actor, now);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await alongside(new TransitionScope(connection, transaction, instance.Id, null, definition.Initial, now), cancellationToken);
        var ran = await RunActivitiesAsync(executions, instance, definition, now, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Committed(ran);
        metrics.StepTaken(definition.Name, WorkflowMetrics.StartStep);
        return instance.Id;
    }

    /// <summary>
    /// The triggers this actor may fire now (state × role × guard), for the UI to offer, on an instance the caller has
    /// read already: it is not read again. The published version the instance runs on is known to the host once it has
    /// been used, so only the first look at an older version reads its text.
    /// </summary>
    public async Task<IReadOnlyList<TriggerDefinition>> PermittedAsync(
        int definitionId, string state, JsonObject data, Actor actor, CancellationToken cancellationToken)
    {
        var definition = (await definitions.GetAsync(definitionId, cancellationToken)).Definition;
        return new WorkflowMachine(definition, vocabulary).Permitted(state, actor.Roles, data);
    }

    public Task<FireOutcome> FireAsync(Guid instanceId, string triggerName, JsonObject input, Actor actor, CancellationToken cancellationToken) =>
        FireAsync(instanceId, triggerName, input, actor, NothingAlongside, cancellationToken);

    /// <summary>
    /// Fires a trigger; <paramref name="alongside"/> writes the host's own rows (case details, access log) in the
    /// transition's transaction, before its activities run, so they commit with it or, when the trigger is refused or
    /// loses a race, not at all. An activity that throws <see cref="ActivityRefusedException"/> refuses the trigger.
    /// The instance's open tasks the trigger answers (it is their <c>completes</c> trigger, or in their answered-by
    /// list) are completed by it, in the same transaction.
    /// </summary>
    public async Task<FireOutcome> FireAsync(
        Guid instanceId, string triggerName, JsonObject input, Actor actor, TransitionWrites alongside, CancellationToken cancellationToken)
    {
        using var span = WorkflowTracing.Source.StartActivity("workflow step");
        span?.SetTag(WorkflowTracing.Instance, instanceId);
        try
        {
            var outcome = await FireTriggerAsync(instanceId, triggerName, input, actor, alongside, cancellationToken);
            WorkflowTracing.Describe(span, triggerName, outcome);
            return outcome;
        }
        catch (Exception exception) when (WorkflowTracing.Failed(span, exception))
        {
            throw; // Not reached: the filter only records the failure on the span.
        }
    }

    private async Task<FireOutcome> FireTriggerAsync(
        Guid instanceId, string triggerName, JsonObject input, Actor actor, TransitionWrites alongside, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var instance = await LoadAsync(connection, transaction, instanceId, cancellationToken);
        if (instance is null)
        {
            return new FireOutcome.NotFound();
        }

        var definition = (await definitions.GetAsync(instance.DefinitionId, cancellationToken)).Definition;
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
        var check = new WorkflowMachine(definition, vocabulary).Check(triggerName, instance.State, actor.Roles, data);
        if (check == TriggerCheck.Allowed && trigger.NotBy is not null
            && await LastFiredByAsync(connection, transaction, instance.Id, trigger.NotBy, cancellationToken) == actor.Id)
        {
            check = TriggerCheck.SameActorAsked;
        }

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
        var executions = new List<(Guid Id, ActivityCall Call)>();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var update = Update(batch, instance, next, now);
        Statements.Journal(batch, instance.Id, now, "transition", trigger.Name, instance.State, target, actor.Id);
        Answer(batch, instance.Id, trigger.Name, actor, now);
        if (entering)
        {
            Leave(batch, executions, definition.State(instance.State), instance, actor, now);
        }

        executions.AddRange(trigger.Activities.Select(call => (Statements.AddExecution(batch, instance.Id, call, now), call)));
        if (entering)
        {
            Enter(batch, executions, definition, next, actor, now);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (update.RecordsAffected != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new FireOutcome.Conflict();
        }

        await alongside(new TransitionScope(connection, transaction, instance.Id, instance.State, target, now), cancellationToken);
        var ran = await RunActivitiesAsync(executions, next, definition, now, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Committed(ran);
        metrics.StepTaken(definition.Name, trigger.Name);
        return new FireOutcome.Fired(instance.State, target, next.Version);
    }

    private static Task NothingAlongside(TransitionScope scope, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<List<IWorkflowActivity>> RunActivitiesAsync(
        List<(Guid Id, ActivityCall Call)> executions, InstanceRow instance, WorkflowDefinition definition, DateTimeOffset now,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var ran = new List<IWorkflowActivity>();
        foreach (var (id, call) in executions)
        {
            var context = new ActivityContext(
                id, instance.Id, instance.UnitCode, instance.State, instance.Entry, instance.Data, (JsonObject)call.With.DeepClone(), now,
                definition.TaskEscalation, connection, transaction);
            if (await activities.RunAsync(context, call.Activity, refusalsRefuseTheCaller: true, cancellationToken) is { } activity)
            {
                ran.Add(activity);
            }
        }

        return ran;
    }

    private static void Committed(List<IWorkflowActivity> ran) => ran.ForEach(activity => activity.Committed());

    // Optimistic concurrency: the update only lands on the version that was read; otherwise someone else won.
    private static NpgsqlBatchCommand Update(NpgsqlBatch batch, InstanceRow before, InstanceRow after, DateTimeOffset now)
    {
        Statements.Add(batch,
            """
            UPDATE workflow.instances
            SET state = @state, previous_state = @previous, entry = @entry, state_entered_at = @entered, data = @data, version = @version, updated_at = @now
            WHERE id = @id AND version = @expected
            """,
            ("state", after.State), ("previous", (object?)after.PreviousState ?? DBNull.Value), ("entry", after.Entry), ("entered", after.StateEnteredAt),
            ("data", Statements.Json(after.Data)), ("version", after.Version), ("now", now), ("id", before.Id), ("expected", before.Version));
        return batch.BatchCommands[^1];
    }

    /// <summary>The open tasks of the instance the trigger answers are done, each journaled ("task-completed", its name).</summary>
    private static void Answer(NpgsqlBatch batch, Guid instanceId, string triggerName, Actor actor, DateTimeOffset now) =>
        Statements.Add(batch,
            """
            WITH answered AS (
                UPDATE workflow.tasks SET status = 'done', completed_at = @now, completed_by = @actor
                WHERE instance_id = @id AND status = 'open' AND (completes_trigger = @trigger OR @trigger = ANY (answered_by))
                RETURNING name
            )
            INSERT INTO workflow.journal (instance_id, at, kind, code, actor_id) SELECT @id, @now, 'task-completed', name, @actor FROM answered
            """,
            ("id", instanceId), ("now", now), ("actor", actor.Id), ("trigger", triggerName));

    /// <summary>
    /// Cancels open tasks of the instance, each journaled ("task-cancelled", its name): those of the state entry left
    /// that belong to the state, or, with <paramref name="entry"/> null, every one (the instance has ended).
    /// </summary>
    private static void CancelTasks(NpgsqlBatch batch, Guid instanceId, long? entry, Actor actor, DateTimeOffset now)
    {
        (string Name, object Value)[] parameters = [("id", instanceId), ("now", now), ("actor", actor.Id)];
        Statements.Add(batch,
            $"""
            WITH dropped AS (
                UPDATE workflow.tasks SET status = 'cancelled', cancelled_at = @now, cancelled_by = @actor
                WHERE instance_id = @id AND status = 'open' {(entry is null ? "" : "AND entry = @entry AND NOT outlives_state")}
                RETURNING name
            )
            INSERT INTO workflow.journal (instance_id, at, kind, code, actor_id) SELECT @id, @now, 'task-cancelled', name, @actor FROM dropped
            """,
            entry is { } left ? [.. parameters, ("entry", left)] : parameters);
    }

    private static void Leave(
        NpgsqlBatch batch, List<(Guid Id, ActivityCall Call)> executions, StateDefinition state, InstanceRow instance, Actor actor, DateTimeOffset now)
    {
        // Cancelling is by the instance's state entry, through a partial index: no scan of other instances' rows. A
        // task an activity made is owed until a person completes or cancels it: leaving the state does not drop it.
        Statements.Add(batch, "UPDATE workflow.timers SET status = 'cancelled' WHERE instance_id = @id AND entry = @entry AND status = 'pending'",
            ("id", instance.Id), ("entry", instance.Entry));
        CancelTasks(batch, instance.Id, instance.Entry, actor, now);
        executions.AddRange(state.OnExit.Select(call => (Statements.AddExecution(batch, instance.Id, call, now), call)));
    }

    private void Enter(
        NpgsqlBatch batch, List<(Guid Id, ActivityCall Call)> executions, WorkflowDefinition definition, InstanceRow instance, Actor actor, DateTimeOffset now)
    {
        var state = definition.State(instance.State);
        if (state.Final)
        {
            // Nobody owes work on an instance that has ended.
            CancelTasks(batch, instance.Id, entry: null, actor, now);
        }

        executions.AddRange(state.OnEntry.Select(call => (Statements.AddExecution(batch, instance.Id, call, now), call)));
        foreach (var timer in state.Timers)
        {
            var dueAt = DueAt(timer, instance.Data, now) is { } due ? calendar.Adjust(timer, due) : (DateTimeOffset?)null;
            if (dueAt is null || dueAt < now)
            {
                continue; // The instant is unknown, or the moment has passed (a meeting booked two days ahead gets no three-day reminder).
            }

            Statements.Add(batch,
                "INSERT INTO workflow.timers (id, instance_id, entry, name, due_at, status) VALUES (@id, @instance, @entry, @name, @due, 'pending')",
                ("id", Guid.CreateVersion7(now)), ("instance", instance.Id), ("entry", instance.Entry), ("name", timer.Name), ("due", dueAt.Value));
        }

        foreach (var task in state.Tasks)
        {
            var dueAt = now + task.Due;
            var escalation = definition.EscalationOf(task);
            Statements.Add(batch,
                """
                INSERT INTO workflow.tasks (id, instance_id, entry, name, title, candidate_role, unit_code, due_at, completes_trigger, answered_by, status, created_at, escalate_at, escalate_to)
                VALUES (@id, @instance, @entry, @name, @title, @role, @unit, @due, @completes, @answeredBy, 'open', @now, @escalateAt, @escalateTo)
                """,
                ("id", Guid.CreateVersion7(now)), ("instance", instance.Id), ("entry", instance.Entry), ("name", task.Name), ("title", task.Title),
                ("role", task.CandidateRole), ("unit", instance.UnitCode), ("due", dueAt), ("completes", (object?)task.Completes ?? DBNull.Value),
                ("answeredBy", task.AnsweredBy.ToArray()), ("now", now),
                ("escalateAt", (object?)escalation?.EscalateAt(dueAt) ?? DBNull.Value), ("escalateTo", (object?)escalation?.To ?? DBNull.Value));
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

    /// <summary>Who fired the trigger on the instance last, from the journal; null when nobody has.</summary>
    private static async Task<string?> LastFiredByAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid instanceId, string trigger, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT actor_id FROM workflow.journal WHERE instance_id = @id AND kind = 'transition' AND code = @trigger ORDER BY id DESC LIMIT 1",
            connection,
            transaction);
        command.Parameters.AddWithValue("id", instanceId);
        command.Parameters.AddWithValue("trigger", trigger);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task<InstanceRow?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
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
}

/// <summary>The host's own writes that belong to a transition and must commit with it.</summary>
public delegate Task TransitionWrites(TransitionScope scope, CancellationToken cancellationToken);

/// <summary>The open transaction of a transition; <paramref name="FromState"/> is null when the instance is being started.</summary>
public sealed record TransitionScope(
    NpgsqlConnection Connection, NpgsqlTransaction Transaction, Guid InstanceId, string? FromState, string ToState, DateTimeOffset Now);
