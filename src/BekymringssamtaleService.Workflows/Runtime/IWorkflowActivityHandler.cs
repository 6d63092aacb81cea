using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Runs one activity execution, inside the transaction that marks it done: what it writes (outbox rows, tasks) commits
/// with that mark or not at all. It may run again after a failure, so it must be idempotent per execution id.
/// </summary>
public interface IWorkflowActivityHandler
{
    string Name { get; }

    Task RunAsync(ActivityContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Runs once the execution's transaction has committed, to act on what it wrote (wake the sender of its letters).
    /// If the process dies before this, the host must still find that work (the outbox relay polls for it).
    /// </summary>
    Task AfterCommitAsync(ActivityContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// What an activity execution runs with. <see cref="TaskEscalation"/> is the workflow's escalation, for the tasks an
/// activity creates.
/// </summary>
public sealed record ActivityContext(
    Guid ExecutionId,
    Guid InstanceId,
    string UnitCode,
    string State,
    long Entry,
    JsonObject Data,
    JsonObject Input,
    DateTimeOffset Now,
    TaskEscalation? TaskEscalation,
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction);
