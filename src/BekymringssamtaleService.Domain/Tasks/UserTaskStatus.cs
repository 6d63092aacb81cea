namespace BekymringssamtaleService.Domain.Tasks;

/// <summary>Where a user task (oppgave) stands; the workflow engine writes it, the dashboard and API read it.</summary>
public enum UserTaskStatus
{
    /// <summary>Still owed by someone: shown, counted as due, escalated when overdue.</summary>
    Open,

    /// <summary>Completed by a person or by the step that answers it.</summary>
    Done,

    /// <summary>
    /// Cancelled by a person with a reason; or a state's own task the case left that state without answering; or a task
    /// still open when the case was closed or cancelled.
    /// </summary>
    Cancelled,
}

/// <summary>A status as the engine stores it (workflow.tasks.status).</summary>
public static class UserTaskStatusNames
{
    public static string WireName(this UserTaskStatus status) => status switch
    {
        UserTaskStatus.Open => "open",
        UserTaskStatus.Done => "done",
        UserTaskStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static UserTaskStatus FromWireName(string name) => name switch
    {
        "open" => UserTaskStatus.Open,
        "done" => UserTaskStatus.Done,
        "cancelled" => UserTaskStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a user task status."),
    };
}
