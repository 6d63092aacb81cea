using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;
using NpgsqlTypes;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Starts instances and fires triggers. One trigger is one database transaction: the new state, the journal row,
/// the timers and user tasks of the state entered, and the activity executions to run — all or nothing. After the
/// commit the activities are enqueued, by id; a crash in between is repaired by <see cref="ReconcileAsync"/>. Timer
/// rows need nothing after the commit: <see cref="FireDueTimersAsync"/> finds them when they are due.
/// </summary>
public sealed partial class WorkflowRuntime(
    NpgsqlDataSource database,
    PublishedDefinitions definitions,
    WorkflowVocabulary vocabulary,
    IEnumerable<IWorkflowActivityHandler> handlers,
    IWorkflowJobs jobs,
    TimerCalendar calendar,
    TimeProvider time)
{
    // As with other registrations, a later handler for the same activity replaces an earlier one.
    private readonly Dictionary<string, IWorkflowActivityHandler> _handlers = handlers
        .GroupBy(handler => handler.Name, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);

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

        await using var batch = new NpgsqlBatch(connection, transaction);
        Journal(batch, instance.Id, now, "started", workflow, null, definition.Initial, actor.Id);
        Enter(batch, work, definition, instance, now);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await alongside(new TransitionScope(connection, transaction, instance.Id, null, definition.Initial, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        HandOver(work);
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
        FireAsync(instanceId, triggerName, input, actor, NothingAlongside, completingTask: null, cancellationToken);

    /// <summary>
    /// Fires a trigger; <paramref name="alongside"/> writes the host's own rows (case details, access log) in the
    /// transition's transaction, so they commit with it or, when the trigger is refused or loses a race, not at all.
    /// </summary>
    public Task<FireOutcome> FireAsync(
        Guid instanceId, string triggerName, JsonObject input, Actor actor, TransitionWrites alongside, CancellationToken cancellationToken) =>
        FireAsync(instanceId, triggerName, input, actor, alongside, completingTask: null, cancellationToken);

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
            var outcome = await FireAsync(instanceId, trigger, input, actor, NothingAlongside, taskId, cancellationToken);
            return new TaskCompletion(outcome is FireOutcome.Fired ? TaskCompletionStatus.Completed : TaskCompletionStatus.TriggerNotFired, outcome);
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        CompleteTask(batch, taskId, actor, now);
        Journal(batch, instanceId, now, "task", "completed", null, null, actor.Id);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return new TaskCompletion(TaskCompletionStatus.Completed);
    }

    private async Task<FireOutcome> FireAsync(
        Guid instanceId, string triggerName, JsonObject input, Actor actor, TransitionWrites alongside, Guid? completingTask, CancellationToken cancellationToken)
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
        await using var batch = new NpgsqlBatch(connection, transaction);
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
            Enter(batch, work, definition, next, now);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (update.RecordsAffected != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new FireOutcome.Conflict();
        }

        await alongside(new TransitionScope(connection, transaction, instance.Id, instance.State, target, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        HandOver(work);
        return new FireOutcome.Fired(instance.State, target, next.Version);
    }

    private static Task NothingAlongside(TransitionScope scope, CancellationToken cancellationToken) => Task.CompletedTask;

    private void HandOver(Work work)
    {
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

    /// <summary>What to run once the transaction has committed.</summary>
    private sealed class Work
    {
        public List<Guid> Activities { get; } = [];
    }
}

/// <summary>The host's own writes that belong to a transition and must commit with it.</summary>
public delegate Task TransitionWrites(TransitionScope scope, CancellationToken cancellationToken);

/// <summary>The open transaction of a transition; <paramref name="FromState"/> is null when the instance is being started.</summary>
public sealed record TransitionScope(
    NpgsqlConnection Connection, NpgsqlTransaction Transaction, Guid InstanceId, string? FromState, string ToState, DateTimeOffset Now);

public sealed record Incident(Guid ExecutionId, Guid InstanceId, string Activity, string ErrorCode, int Attempts, DateTimeOffset Since);

/// <summary>An activity execution failed; carries the activity's name and the error's type only, never its message.</summary>
public sealed class ActivityFailedException(string activity, string errorCode)
    : Exception($"The activity '{activity}' failed with {errorCode}; the execution is an incident until it succeeds or is resolved.");

/// <summary>A definition names an activity this host has no handler for: an incident until a handler exists or an Admin resolves it.</summary>
public sealed class ActivityNotImplementedException(string activity) : Exception($"No handler is registered for the activity '{activity}'.");
