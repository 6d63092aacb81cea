using System.Text.Json.Nodes;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>What became of a person's change to a user task.</summary>
public enum TaskChange
{
    Changed,

    /// <summary>The task does not exist, or is done or cancelled already (perhaps a moment ago, by someone else).</summary>
    NotOpen,

    /// <summary>The actor may not: not its assignee, nor holding its candidate role (or, where that may, the role that oversees it).</summary>
    NotAllowed,

    /// <summary>Someone has taken the task already.</summary>
    Taken,

    /// <summary>The task asks for a date (its date label) and none was given.</summary>
    DateRequired,

    /// <summary>The task completes with a trigger, and the trigger was not fired (see the outcome).</summary>
    TriggerNotFired,
}

/// <summary>How a person completed a task: a note and a date (where the task asks for one), or the input of the task's trigger.</summary>
public sealed record TaskOutcome(string? Note = null, DateOnly? DoneOn = null, JsonObject? TriggerInput = null);

/// <summary>The outcome of completing a user task: whether it was completed, and what its trigger did.</summary>
public sealed record TaskCompletion(TaskChange Status, FireOutcome? Trigger = null);

/// <summary>The host's own writes that belong to a person's change of a task (its access-log row) and commit with it.</summary>
public delegate Task TaskWrites(TaskScope scope, CancellationToken cancellationToken);

/// <summary>The open transaction of a change to a task of the instance <paramref name="InstanceId"/>.</summary>
public sealed record TaskScope(NpgsqlConnection Connection, NpgsqlTransaction Transaction, Guid InstanceId, DateTimeOffset Now);
