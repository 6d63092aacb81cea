using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Tasks;

/// <summary>
/// A task as its people see it: the case by its number (no youth's name), its unit by name, who has it, when it is due. A task with
/// <see cref="CompletedByStep"/> is done by taking that step on the case (/saker/{caseId}/{step}); one with a
/// <see cref="DateLabel"/> asks for that date when it is completed. No note or reason: those are read on the case.
/// </summary>
public sealed record TaskView(
    Guid Id,
    Guid CaseId,
    string CaseNumber,
    string UnitCode,
    string UnitName,
    string Title,
    string CandidateRole,
    UserTaskStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    bool Overdue,
    string? AssigneeId,
    string? AssigneeName,
    string? DateLabel,
    string? CompletedByStep,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? CompletedAt,
    string? CompletedByName,
    DateOnly? DoneOn,
    DateTimeOffset? CancelledAt,
    string? CancelledByName);

/// <summary>Turns task rows into <see cref="TaskView"/>s: the case's number, the names of the people, the step that completes a task.</summary>
public sealed class TaskViews(ServiceDbContext db, IEnumerable<ICaseStep> steps, TimeProvider time)
{
    /// <summary>The tasks of cases, in the order of <paramref name="tasks"/>, with their case's number; the query decides which and how many.</summary>
    public async Task<IReadOnlyList<(TaskView View, WorkflowTaskRow Row)>> ReadAsync(IQueryable<WorkflowTaskRow> tasks, CancellationToken cancellationToken)
    {
        var rows = await tasks.ToListAsync(cancellationToken);
        var caseIds = rows.Select(task => task.InstanceId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, UnitName = db.Units.Where(unit => unit.Code == c.UnitCode).Select(unit => unit.Name).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var people = rows.SelectMany(task => new[] { task.Assignee, task.CompletedBy, task.CancelledBy }).OfType<string>().Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(staff => people.Contains(staff.Id)).ToDictionaryAsync(staff => staff.Id, staff => staff.DisplayName, cancellationToken);
        var now = time.GetUtcNow();
        return [.. rows.Select(task => (View(task, CaseNumbers.Format(cases[task.InstanceId].Number), cases[task.InstanceId].UnitName ?? task.UnitCode, names, now), task))];
    }

    /// <summary>The tasks of one case read with it: its number and unit name, and the names of the people, are known already.</summary>
    public IReadOnlyList<(TaskView View, WorkflowTaskRow Row)> OfCase(
        IEnumerable<WorkflowTaskRow> tasks, string caseNumber, string unitName, IReadOnlyDictionary<string, string> staffNames)
    {
        var now = time.GetUtcNow();
        return [.. tasks.Select(task => (View(task, caseNumber, unitName, staffNames, now), task))];
    }

    /// <summary>The slug of the case step that fires the trigger a task completes with.</summary>
    public string? StepOf(string? trigger) => trigger is null ? null : steps.FirstOrDefault(step => step.Triggers.Contains(trigger))?.Slug;

    private TaskView View(WorkflowTaskRow task, string caseNumber, string unitName, IReadOnlyDictionary<string, string> names, DateTimeOffset now)
    {
        return new TaskView(
            task.Id,
            task.InstanceId,
            caseNumber,
            task.UnitCode,
            unitName,
            task.Title,
            task.CandidateRole,
            task.Status,
            task.CreatedAt,
            task.DueAt,
            task.Status == UserTaskStatus.Open && task.DueAt < now,
            task.Assignee,
            NameOf(task.Assignee),
            task.DateLabel,
            StepOf(task.CompletesTrigger),
            task.EscalatedAt,
            task.CompletedAt,
            NameOf(task.CompletedBy),
            task.DoneOn,
            task.CancelledAt,
            NameOf(task.CancelledBy));

        // The engine's own timers act as "system", which has no name to show.
        string? NameOf(string? staffId) => staffId is null || staffId == Actor.System.Id ? null : names.GetValueOrDefault(staffId, staffId);
    }
}
