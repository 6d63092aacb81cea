using System.Reflection;
using System.Text.Json.Nodes;

namespace BekymringssamtaleService.Workflows.Definitions;

/// <summary>The guards and activities definitions may name: C# code registered by name, like Elsa's activities.</summary>
public sealed class WorkflowVocabulary(IEnumerable<IWorkflowGuard> guards, IEnumerable<ActivityDescriptor> activities)
{
    public IReadOnlyCollection<ActivityDescriptor> Activities => _activities.Values;

    private readonly Dictionary<string, IWorkflowGuard> _guards = guards.ToDictionary(guard => guard.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityDescriptor> _activities = activities.ToDictionary(activity => activity.Name, StringComparer.Ordinal);

    public bool TryGetGuard(string name, out IWorkflowGuard guard) => _guards.TryGetValue(name, out guard!);

    public IWorkflowGuard Guard(string name) => _guards[name];

    public bool TryGetActivity(string name, out ActivityDescriptor activity) => _activities.TryGetValue(name, out activity!);
}

/// <summary>A named predicate over the instance's data and the trigger's input; false refuses the trigger.</summary>
public interface IWorkflowGuard
{
    string Name { get; }

    bool Allows(JsonObject data);
}

/// <summary>
/// An activity's name, the type its YAML input ("with") must deserialize to, and the class that runs it — all read
/// from that class, where they are declared once.
/// </summary>
public sealed record ActivityDescriptor(string Name, Type InputType, Type ActivityType)
{
    public static ActivityDescriptor Of<TActivity>()
        where TActivity : Runtime.IWorkflowActivity =>
        Of(typeof(TActivity));

    public static ActivityDescriptor Of(Type activityType)
    {
        var input = InputTypeOf(activityType)
            ?? throw new ArgumentException($"{activityType.Name} does not derive from WorkflowActivity<TInput>.", nameof(activityType));
        return new ActivityDescriptor(NameOf(activityType), input, activityType);
    }

    public static string NameOf(Type activityType) =>
        activityType.GetCustomAttribute<Runtime.WorkflowActivityAttribute>()?.Name
        ?? throw new ArgumentException($"{activityType.Name} has no [WorkflowActivity(name)].", nameof(activityType));

    private static Type? InputTypeOf(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Runtime.WorkflowActivity<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }
}

/// <summary>An activity input that names triggers of its workflow (the triggers that answer a task): each must exist.</summary>
public interface INamesTriggers
{
    IEnumerable<string> Triggers { get; }
}
