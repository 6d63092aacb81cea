using BekymringssamtaleService.Workflows.Definitions;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// The engine's parts on one database, composed once: a host registers them, and the engine's tests and benchmarks
/// build them from here without a host.
/// </summary>
public sealed class WorkflowEngine
{
    public WorkflowEngine(
        NpgsqlDataSource database,
        WorkflowVocabulary vocabulary,
        IEnumerable<IWorkflowActivity> activities,
        TimerCalendar calendar,
        ActivityRetryPolicy retries,
        WorkflowMetrics metrics,
        TimeProvider time)
    {
        Definitions = new PublishedDefinitions(database, new WorkflowDefinitionLoader(vocabulary), time);
        Activities = new ActivityExecutions(database, Definitions, activities, retries, time);
        Transitions = new WorkflowTransitions(database, Definitions, vocabulary, Activities, calendar, metrics, time);
        Timers = new DueTimers(database, Definitions, Transitions, Activities, metrics, time);
        Tasks = new UserTasks(database, Definitions, Transitions, time);
        Migration = new InstanceMigration(database, Definitions, time);
    }

    public PublishedDefinitions Definitions { get; }

    public ActivityExecutions Activities { get; }

    public WorkflowTransitions Transitions { get; }

    public DueTimers Timers { get; }

    public UserTasks Tasks { get; }

    public InstanceMigration Migration { get; }
}
