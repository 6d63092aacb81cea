using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// An activity a definition may name. Its class is its own descriptor (as in Elsa 3): the name on
/// <see cref="WorkflowActivityAttribute"/>, the typed input as the type argument of <see cref="WorkflowActivity{TInput}"/>.
/// It runs inside the transaction of the transition or timer that started it, behind a savepoint: what it writes
/// commits with that or not at all. It may run again after a failure, so it must be idempotent per execution id.
/// </summary>
public interface IWorkflowActivity
{
    string Name { get; }

    Task RunAsync(ActivityContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Called once what the activity wrote has committed, to wake what acts on it in this process (the sender of
    /// its letters). It must not fail: a saved step cannot become an error. If the process dies before, the work is
    /// still found by polling.
    /// </summary>
    void Committed()
    {
    }
}

/// <summary>An activity with a typed input, read from the definition's <c>with</c>.</summary>
public abstract class WorkflowActivity<TInput> : IWorkflowActivity
    where TInput : class
{
    public string Name => ActivityDescriptor.NameOf(GetType());

    public Task RunAsync(ActivityContext context, CancellationToken cancellationToken) =>
        RunAsync(context, context.Input.Deserialize<TInput>(WorkflowDefinitionLoader.ActivityInputOptions)!, cancellationToken);

    protected abstract Task RunAsync(ActivityContext context, TInput input, CancellationToken cancellationToken);

    public virtual void Committed()
    {
    }
}

/// <summary>The name definitions use for the activity class it marks.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WorkflowActivityAttribute(string name) : Attribute
{
    public string Name => name;
}

/// <summary>
/// An activity cannot do its work because the case lacks something it needs (a letter about a meeting with no meeting
/// booked). Inside a person's step it refuses the whole step with <see cref="Exception.Message"/>, a reason for the
/// user, instead of committing the step without its work; in a timer or a retry it is a failure like any other.
/// </summary>
public class ActivityRefusedException(string reason) : Exception(reason);

/// <summary>What an activity execution runs with: the instance as the transition left it, on the transition's transaction.</summary>
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
