using BekymringssamtaleService.Domain.Tasks;

namespace BekymringssamtaleService.Web.Data;

/// <summary>A workflow instance as the dashboard and API read it; the engine alone writes it.</summary>
public sealed class WorkflowInstanceRow
{
    public Guid Id { get; init; }
    public required string UnitCode { get; init; }
    public required string State { get; init; }
    public DateTimeOffset StateEnteredAt { get; init; }
    public int Version { get; init; }
    public bool HasIncident { get; init; }

    /// <summary>The instance's workflow data as JSON (track, meeting time, the last input of each step).</summary>
    public required string Data { get; init; }
}

/// <summary>A user task as the dashboard and API read it; the engine alone writes it.</summary>
public sealed class WorkflowTaskRow
{
    public Guid Id { get; init; }
    public Guid InstanceId { get; init; }
    public required string Title { get; init; }
    public required string CandidateRole { get; init; }
    public required string UnitCode { get; init; }
    public string? Assignee { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public UserTaskStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The trigger that completes the task: it is done by taking that step on the case, not by itself.</summary>
    public string? CompletesTrigger { get; init; }

    /// <summary>What the date asked for on completing the task means ("Meldt til barnevernet"); null when none is asked for.</summary>
    public string? DateLabel { get; init; }

    /// <summary>The note it was completed with, or the reason it was cancelled for: free text, sensitive, never logged.</summary>
    public string? Note { get; init; }

    /// <summary>The date the work was done, where the task asks for one.</summary>
    public DateOnly? DoneOn { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
    public string? CompletedBy { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Who cancelled it, or who took the step that ended the case ("system" for the engine's timers).</summary>
    public string? CancelledBy { get; init; }

    /// <summary>The role of the unit an overdue task is escalated to; null when it never is.</summary>
    public string? EscalateTo { get; init; }

    /// <summary>When the task was escalated, for still being open past its escalation time.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }
}

/// <summary>A journal row (ids and codes only); the engine alone writes it.</summary>
public sealed class WorkflowJournalRow
{
    public long Id { get; init; }
    public Guid InstanceId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Kind { get; init; }
    public required string Code { get; init; }
    public string? FromState { get; init; }
    public string? ToState { get; init; }
    public string? ActorId { get; init; }
}
