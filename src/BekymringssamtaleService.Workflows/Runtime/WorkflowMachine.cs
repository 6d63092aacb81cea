using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// What a definition allows: which triggers a user may fire from a state (state × role × guard), where each leads,
/// and whether a trigger's input is complete and well-typed. Pure: no database, no clock.
/// </summary>
public sealed class WorkflowMachine(WorkflowDefinition definition, WorkflowVocabulary vocabulary)
{
    public WorkflowDefinition Definition => definition;

    /// <summary>The triggers the roles may fire from the state, given the instance's data (guards included).</summary>
    public IReadOnlyList<TriggerDefinition> Permitted(string state, IReadOnlyCollection<string> roles, JsonObject data) =>
        [.. definition.Triggers.Where(trigger => Check(trigger.Name, state, roles, data) is TriggerCheck.Allowed)];

    public TriggerCheck Check(string triggerName, string state, IReadOnlyCollection<string> roles, JsonObject data)
    {
        if (!definition.HasTrigger(triggerName))
        {
            return TriggerCheck.UnknownTrigger;
        }

        var trigger = definition.Trigger(triggerName);
        if (!LeavesFrom(trigger, state))
        {
            return TriggerCheck.NotFromThisState;
        }

        if (!trigger.Roles.Any(roles.Contains))
        {
            return TriggerCheck.RoleNotAllowed;
        }

        if (trigger.Guard is not null && !vocabulary.Guard(trigger.Guard).Allows(data))
        {
            return TriggerCheck.GuardRefused;
        }

        return TriggerCheck.Allowed;
    }

    public bool LeavesFrom(TriggerDefinition trigger, string state) =>
        trigger.From is null ? !definition.State(state).Final && trigger.To != state : trigger.From.Contains(state);

    /// <summary>
    /// The state the trigger leads to: its target, the state before the current one for "previous", or the current
    /// state itself when the trigger stays.
    /// </summary>
    public static string Target(TriggerDefinition trigger, string currentState, string? previousState) =>
        trigger.Stays ? currentState
        : trigger.ReturnsToPrevious ? previousState ?? throw new InvalidOperationException($"The trigger {trigger.Name} returns to the previous state, but there is none.")
        : trigger.To!;

    /// <summary>Field errors for the trigger's input: missing, unknown, or of the wrong type. Empty when the input is good.</summary>
    public static IReadOnlyDictionary<string, string> InputErrors(TriggerDefinition trigger, JsonObject input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, _) in input.Where(field => !trigger.Input.ContainsKey(field.Key)))
        {
            errors[name] = "Feltet er ukjent.";
        }

        foreach (var (name, field) in trigger.Input)
        {
            var value = input[name];
            if (value is null)
            {
                if (field.Required)
                {
                    errors[name] = "Feltet må fylles ut.";
                }

                continue;
            }

            var problem = TypeProblem(field, value);
            if (problem is not null)
            {
                errors[name] = problem;
            }
        }

        return errors;
    }

    private static string? TypeProblem(InputField field, JsonNode value)
    {
        var kind = value.GetValueKind();
        return field.Type switch
        {
            InputType.Text when kind is not JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>()) => "Feltet må være tekst.",
            InputType.Number when kind is not JsonValueKind.Number || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "Feltet må være et heltall.",
            InputType.Boolean when kind is not (JsonValueKind.True or JsonValueKind.False) => "Feltet må være ja eller nei.",
            InputType.Instant when kind is not JsonValueKind.String || !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, out _) => "Feltet må være et tidspunkt.",
            InputType.Choice when kind is not JsonValueKind.String || !field.Choices.Contains(value.GetValue<string>()) => $"Feltet må være ett av: {string.Join(", ", field.Choices)}.",
            _ => null,
        };
    }
}

public enum TriggerCheck
{
    Allowed,
    UnknownTrigger,
    NotFromThisState,
    RoleNotAllowed,
    GuardRefused,

    /// <summary>Four eyes: the actor fired the trigger this one's <see cref="Definitions.TriggerDefinition.NotBy"/> names (who asked may not approve).</summary>
    SameActorAsked,
}
