using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// User tasks beyond those a state creates when it is entered: tasks the host adds (an activity's, a refused
/// address's); a person claiming, assigning, completing (with its trigger, if it has one) and cancelling a task, each
/// journaled; and escalating tasks that outlive their due time to the role their workflow names.
/// </summary>
public sealed class UserTasks(NpgsqlDataSource database, PublishedDefinitions definitions, WorkflowTransitions transitions, TimeProvider time)
{
    /// <summary>For a change to a task that the host writes nothing alongside.</summary>
    public static readonly TaskWrites NothingAlongside = (_, _) => Task.CompletedTask;

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
    /// caller's (an execution's, a letter's): adding it again adds nothing. It is owed until a person completes or
    /// cancels it, or a trigger in its answered-by list is fired: the instance leaving the state does not drop it.
    /// </summary>
    public static async Task AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NewTask task, TaskEscalation? escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO workflow.tasks (id, instance_id, entry, name, title, candidate_role, unit_code, due_at, answered_by, outlives_state, date_label, status, created_at, escalate_at, escalate_to)
            SELECT @id, i.id, i.entry, @name, @title, @role, i.unit_code, @due, @answeredBy, true, @dateLabel, 'open', @now, @escalateAt, @escalateTo
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
        insert.Parameters.AddWithValue("answeredBy", (task.AnsweredBy ?? []).ToArray());
        insert.Parameters.AddWithValue("dateLabel", (object?)task.DateLabel ?? DBNull.Value);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("escalateAt", (object?)escalation?.EscalateAt(task.DueAt) ?? DBNull.Value);
        insert.Parameters.AddWithValue("escalateTo", (object?)escalation?.To ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Completes an open user task as the actor, who must be its assignee or hold its candidate role. A task that
    /// completes with a trigger fires it with <see cref="TaskOutcome.TriggerInput"/> and is completed by it, in one
    /// transaction: both happen or neither. Any other task records the outcome's note and date; a task with a date
    /// label is not completed without the date.
    /// </summary>
    public async Task<TaskCompletion> CompleteAsync(Guid taskId, TaskOutcome outcome, Actor actor, TaskWrites alongside, CancellationToken cancellationToken)
    {
        if (await OpenWithTriggerAsync(taskId, cancellationToken) is { } withTrigger)
        {
            if (withTrigger.Assignee != actor.Id && !actor.Roles.Contains(withTrigger.CandidateRole))
            {
                return new TaskCompletion(TaskChange.NotAllowed);
            }

            var fired = await transitions.FireAsync(
                withTrigger.InstanceId, withTrigger.CompletesTrigger!, outcome.TriggerInput ?? [], actor,
                (scope, token) => alongside(new TaskScope(scope.Connection, scope.Transaction, withTrigger.InstanceId, scope.Now), token), cancellationToken);
            return new TaskCompletion(fired is FireOutcome.Fired ? TaskChange.Changed : TaskChange.TriggerNotFired, fired);
        }

        return new TaskCompletion(await ChangeAsync(taskId, "task-completed", actor, alongside, (task, batch, now) =>
        {
            if (task.Assignee != actor.Id && !actor.Roles.Contains(task.CandidateRole))
            {
                return TaskChange.NotAllowed;
            }

            if (task.DateLabel is not null && outcome.DoneOn is null)
            {
                return TaskChange.DateRequired;
            }

            Statements.Add(batch,
                "UPDATE workflow.tasks SET status = 'done', completed_at = @now, completed_by = @actor, note = @note, done_on = @doneOn WHERE id = @id",
                ("id", taskId), ("now", now), ("actor", actor.Id), ("note", (object?)outcome.Note ?? DBNull.Value), ("doneOn", (object?)outcome.DoneOn ?? DBNull.Value));
            return TaskChange.Changed;
        }, cancellationToken));
    }

    /// <summary>The actor, holding the task's candidate role, takes an open task nobody has taken; of two at the same moment one gets it.</summary>
    public Task<TaskChange> ClaimAsync(Guid taskId, Actor actor, TaskWrites alongside, CancellationToken cancellationToken) =>
        ChangeAsync(taskId, "task-claimed", actor, alongside, (task, batch, now) =>
        {
            if (!actor.Roles.Contains(task.CandidateRole))
            {
                return TaskChange.NotAllowed;
            }

            if (task.Assignee is not null)
            {
                return TaskChange.Taken;
            }

            Statements.Add(batch, "UPDATE workflow.tasks SET assignee = @actor WHERE id = @id", ("id", taskId), ("actor", actor.Id));
            return TaskChange.Changed;
        }, cancellationToken);

    /// <summary>
    /// Gives an open task to <paramref name="assigneeId"/>: done by its assignee, or by someone holding the role the
    /// task escalates to, who oversees it. That the assignee holds the candidate role in the unit is the host's to check:
    /// the engine knows no staff.
    /// </summary>
    public Task<TaskChange> AssignAsync(Guid taskId, string assigneeId, Actor actor, TaskWrites alongside, CancellationToken cancellationToken) =>
        ChangeAsync(taskId, "task-assigned", actor, alongside, (task, batch, now) =>
        {
            if (task.Assignee != actor.Id && !Oversees(actor, task))
            {
                return TaskChange.NotAllowed;
            }

            Statements.Add(batch, "UPDATE workflow.tasks SET assignee = @assignee WHERE id = @id", ("id", taskId), ("assignee", assigneeId));
            return TaskChange.Changed;
        }, cancellationToken);

    /// <summary>Cancels an open task with the reason the actor gives: its assignee, a holder of its candidate role, or one who oversees it.</summary>
    public Task<TaskChange> CancelAsync(Guid taskId, string reason, Actor actor, TaskWrites alongside, CancellationToken cancellationToken) =>
        ChangeAsync(taskId, "task-cancelled", actor, alongside, (task, batch, now) =>
        {
            if (task.Assignee != actor.Id && !actor.Roles.Contains(task.CandidateRole) && !Oversees(actor, task))
            {
                return TaskChange.NotAllowed;
            }

            Statements.Add(batch,
                "UPDATE workflow.tasks SET status = 'cancelled', cancelled_at = @now, cancelled_by = @actor, note = @reason WHERE id = @id",
                ("id", taskId), ("now", now), ("actor", actor.Id), ("reason", reason));
            return TaskChange.Changed;
        }, cancellationToken);

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

    private async Task<OpenTask?> OpenWithTriggerAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT instance_id, name, candidate_role, assignee, completes_trigger, escalate_to, date_label
            FROM workflow.tasks WHERE id = @id AND status = 'open' AND completes_trigger IS NOT NULL
            """);
        command.Parameters.AddWithValue("id", taskId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? await ReadOpenTaskAsync(reader, cancellationToken) : null;
    }

    private static async Task<OpenTask> ReadOpenTaskAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3),
        await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4),
        await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetString(5),
        await reader.IsDBNullAsync(6, cancellationToken) ? null : reader.GetString(6));

    /// <summary>The role an overdue task escalates to oversees it: may give it to someone else and cancel it.</summary>
    private static bool Oversees(Actor actor, OpenTask task) => task.EscalateTo is { } overseer && actor.Roles.Contains(overseer);

    /// <summary>
    /// Changes one open task under a row lock: <paramref name="decide"/> sees the task as it is now, adds its writes
    /// and answers whether it changed it; a change is journaled (<paramref name="journalKind"/>, the task's name), the
    /// host's <paramref name="alongside"/> writes are made, and all of it commits together. A task done or cancelled
    /// meanwhile is <see cref="TaskChange.NotOpen"/>.
    /// </summary>
    private async Task<TaskChange> ChangeAsync(
        Guid taskId, string journalKind, Actor actor, TaskWrites alongside, Func<OpenTask, NpgsqlBatch, DateTimeOffset, TaskChange> decide,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        OpenTask task;
        await using (var select = new NpgsqlCommand(
            """
            SELECT instance_id, name, candidate_role, assignee, completes_trigger, escalate_to, date_label
            FROM workflow.tasks WHERE id = @id AND status = 'open' FOR UPDATE
            """,
            connection,
            transaction))
        {
            select.Parameters.AddWithValue("id", taskId);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return TaskChange.NotOpen;
            }

            task = await ReadOpenTaskAsync(reader, cancellationToken);
        }

        var now = time.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var change = decide(task, batch, now);
        if (change != TaskChange.Changed)
        {
            return change;
        }

        Statements.Journal(batch, task.InstanceId, now, journalKind, task.Name, null, null, actor.Id);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await alongside(new TaskScope(connection, transaction, task.InstanceId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TaskChange.Changed;
    }

    private sealed record OpenTask(
        Guid InstanceId, string Name, string CandidateRole, string? Assignee, string? CompletesTrigger, string? EscalateTo, string? DateLabel);
}

/// <summary>
/// A user task the host adds outside the definition's states (an activity's, a refused address's). Firing a trigger in
/// <see cref="AnsweredBy"/> completes it; <see cref="DateLabel"/>, when given, asks the person completing it for a date
/// ("Meldt til barnevernet") and names it.
/// </summary>
public sealed record NewTask(
    Guid Id, Guid InstanceId, string Name, string Title, string CandidateRole, DateTimeOffset DueAt, IReadOnlyList<string>? AnsweredBy = null, string? DateLabel = null);
