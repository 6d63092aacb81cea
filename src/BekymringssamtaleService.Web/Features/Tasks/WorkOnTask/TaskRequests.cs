namespace BekymringssamtaleService.Web.Features.Tasks.WorkOnTask;

/// <summary>Give the task to <see cref="StaffId"/>, who must hold its role in its unit.</summary>
public sealed class AssignTaskRequest
{
    public string? StaffId { get; set; }
}

/// <summary>
/// Complete the task: a note (optional), and the date the work was done where the task asks for one (its
/// <c>dateLabel</c>, e.g. "Meldt til barnevernet"), not after today.
/// </summary>
public sealed class CompleteTaskRequest
{
    public string? Note { get; set; }

    public DateOnly? Date { get; set; }
}

/// <summary>Cancel the task; the reason is required.</summary>
public sealed class CancelTaskRequest
{
    public string? Reason { get; set; }
}
