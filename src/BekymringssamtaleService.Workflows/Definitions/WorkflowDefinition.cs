using System.Text.Json.Nodes;

namespace BekymringssamtaleService.Workflows.Definitions;

/// <summary>
/// A workflow loaded from a YAML file in workflows/ and validated; <see cref="Source"/> is the file's text, which is what
/// gets published, and <see cref="ContentHash"/> identifies it. <see cref="TaskEscalation"/> is null when overdue user
/// tasks are escalated to nobody.
/// </summary>
public sealed record WorkflowDefinition(
    string Name,
    string Title,
    string Initial,
    TaskEscalation? TaskEscalation,
    IReadOnlyList<StateDefinition> States,
    IReadOnlyList<TriggerDefinition> Triggers,
    string ContentHash,
    string Source)
{
    public StateDefinition State(string name) =>
        States.FirstOrDefault(state => state.Name == name) ?? throw new ArgumentException($"The workflow {Name} has no state {name}.", nameof(name));

    public TriggerDefinition Trigger(string name) =>
        Triggers.FirstOrDefault(trigger => trigger.Name == name) ?? throw new ArgumentException($"The workflow {Name} has no trigger {name}.", nameof(name));

    public bool HasTrigger(string name) => Triggers.Any(trigger => trigger.Name == name);

    /// <summary>Where the task goes when it is overdue: the workflow's escalation, after the task's own offset if it has one.</summary>
    public TaskEscalation? EscalationOf(UserTaskDefinition task) =>
        TaskEscalation is null ? null : TaskEscalation with { After = task.EscalateAfter ?? TaskEscalation.After };
}

/// <summary>
/// An open user task still open <see cref="After"/> its due time is escalated to the role <see cref="To"/> of the
/// instance's unit (like a Camunda escalation boundary event): that role sees it; its candidates may still complete it.
/// </summary>
public sealed record TaskEscalation(TimeSpan After, string To)
{
    public DateTimeOffset EscalateAt(DateTimeOffset dueAt) => dueAt + After;
}

public sealed record StateDefinition(
    string Name,
    string Title,
    bool Final,
    IReadOnlyList<ActivityCall> OnEntry,
    IReadOnlyList<ActivityCall> OnExit,
    IReadOnlyList<TimerDefinition> Timers,
    IReadOnlyList<UserTaskDefinition> Tasks);

/// <summary>
/// A named move between states. <see cref="From"/> is null when it may be fired from every open (non-final) state
/// other than its target; <see cref="To"/> is <see cref="Previous"/> when it returns to the state before the current
/// one, and null when the trigger stays (records its input and runs its activities without leaving the state).
/// <see cref="Done"/> says what it did, in the past tense. <see cref="NotBy"/> names the trigger whose last firer may
/// not fire this one (four eyes: who asked does not approve).
/// </summary>
public sealed record TriggerDefinition(
    string Name,
    string Title,
    IReadOnlyList<string>? From,
    string? To,
    IReadOnlyList<string> Roles,
    string? Guard,
    IReadOnlyDictionary<string, InputField> Input,
    JsonObject Set,
    IReadOnlyList<ActivityCall> Activities,
    string? Done = null,
    string? NotBy = null)
{
    public const string Previous = "previous";
    public const string SystemRole = "system";

    public bool ReturnsToPrevious => To == Previous;

    /// <summary>What the trigger did, as a history shows it: <see cref="Done"/>, or the title when it has none.</summary>
    public string DoneTitle => Done ?? Title;

    public bool Stays => To is null;
}

public enum InputType
{
    Text,
    Instant,
    Number,
    Boolean,
    Choice,
}

public sealed record InputField(InputType Type, bool Required, IReadOnlyList<string> Choices);

/// <summary>A named C# activity and its input from the YAML, already checked against the activity's input type.</summary>
public sealed record ActivityCall(string Activity, JsonObject With);

/// <summary>Fires an offset after entering the state, or an offset from an instant in the instance's data.</summary>
/// <summary>
/// A timer of a state. <see cref="QuietHours"/>: it never falls in the calendar's quiet hours (for letters to
/// families); <see cref="WorkingDaysOnly"/>: a weekend due time comes on the Friday before (see <see cref="TimerCalendar"/>).
/// </summary>
public sealed record TimerDefinition(string Name, string From, TimeSpan Offset, string? Fire, ActivityCall? Run, bool QuietHours = false, bool WorkingDaysOnly = false)
{
    public const string StateEntered = "stateEntered";
}

/// <summary>
/// A user task of a state; <see cref="EscalateAfter"/> replaces the workflow's escalation offset for this task. Firing
/// <see cref="Completes"/> or a trigger in <see cref="AnsweredBy"/> completes it; leaving the state unanswered cancels it.
/// </summary>
public sealed record UserTaskDefinition(
    string Name, string Title, string CandidateRole, TimeSpan Due, string? Completes, TimeSpan? EscalateAfter, IReadOnlyList<string> AnsweredBy);
