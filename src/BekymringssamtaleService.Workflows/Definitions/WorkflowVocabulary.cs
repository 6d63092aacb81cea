using System.Text.Json.Nodes;

namespace BekymringssamtaleService.Workflows.Definitions;

/// <summary>The guards and activities definitions may name: C# code registered by name, like Elsa's activities.</summary>
public sealed class WorkflowVocabulary(IEnumerable<IWorkflowGuard> guards, IEnumerable<ActivityDescriptor> activities)
{
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

/// <summary>An activity's name and the type its YAML input ("with") must deserialize to.</summary>
public sealed record ActivityDescriptor(string Name, Type InputType);
