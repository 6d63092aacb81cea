using System.Globalization;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Tasks;

namespace BekymringssamtaleService.Web.Features.Tasks;

/// <summary>How a task's status and role read on the pages.</summary>
public static class TaskWords
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public static string Of(UserTaskStatus status) => status switch
    {
        UserTaskStatus.Open => "Åpen",
        UserTaskStatus.Done => "Fullført",
        UserTaskStatus.Cancelled => "Avbrutt",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>"forebygger", "leder": the task's candidate role in a sentence.</summary>
    public static string Role(string role) => Enum.TryParse<Role>(role, out var known) ? RoleNames.Norwegian(known).ToLower(Norwegian) : role;

    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>Who has the task: the assignee, or the role it waits for.</summary>
    public static string Holder(TaskView task) => task.AssigneeName ?? $"Ingen ennå (for {Role(task.CandidateRole)})";
}
