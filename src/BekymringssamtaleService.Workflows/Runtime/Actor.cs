namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>Who fires a trigger: a person with their roles, or the engine itself (timers) as <see cref="System"/>.</summary>
public sealed record Actor(string Id, IReadOnlyCollection<string> Roles)
{
    public static readonly Actor System = new("system", [Definitions.TriggerDefinition.SystemRole]);
}
