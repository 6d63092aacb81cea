using System.Security.Claims;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Tasks;

/// <summary>
/// A task with what was written when it was completed or cancelled (free text: shown, never logged), and what the
/// reader may do with it now. The engine decides; these only say which buttons to offer.
/// </summary>
public sealed record TaskDetails(TaskView Task, string? Note, bool MayClaim, bool MayAssign, bool MayComplete, bool MayCancel);

/// <summary>Reads tasks for a user who may work with their case's unit; every read is written to the access log first.</summary>
public sealed class TaskReader(ServiceDbContext db, TaskViews views, TimeProvider time)
{
    /// <summary>One task, or why not: another unit's task and a missing one are both <see cref="CaseAccessDecision.NotFound"/>.</summary>
    public async Task<(CaseAccessDecision Decision, TaskDetails? Task)> ReadAsync(ClaimsPrincipal user, Guid taskId, CancellationToken cancellationToken)
    {
        if (!CaseAccess.MayWorkWithCases(user))
        {
            return (CaseAccessDecision.Forbidden, null);
        }

        var read = await views.ReadAsync(db.WorkflowTasks.AsNoTracking().Where(task => task.Id == taskId), cancellationToken);
        if (read.Count == 0 || CaseAccess.ToCase(user, read[0].Row.UnitCode) != CaseAccessDecision.Allowed)
        {
            return (CaseAccessDecision.NotFound, null);
        }

        var (view, row) = read[0];
        AccessLog.Add(db, user, row.UnitCode, row.InstanceId, "read-task", time.GetUtcNow(), CaseWorkflow.PurposeOf(row.CompletesTrigger));
        await db.SaveChangesAsync(cancellationToken);
        return (CaseAccessDecision.Allowed, Details(user, view, row));
    }

    /// <summary>
    /// The tasks of a case read with it (<see cref="Cases.ViewCase.StoredCase"/>), in the order they were read in, for a
    /// user who may work with the case's unit; the caller has logged the read.
    /// </summary>
    public IReadOnlyList<TaskDetails> OfCase(
        ClaimsPrincipal user, IEnumerable<WorkflowTaskRow> rows, string caseNumber, string unitName, IReadOnlyDictionary<string, string> staffNames) =>
        [.. views.OfCase(rows, caseNumber, unitName, staffNames).Select(task => Details(user, task.View, task.Row))];

    private static TaskDetails Details(ClaimsPrincipal user, TaskView view, WorkflowTaskRow row)
    {
        var me = user.StaffId();
        var roles = user.Roles().Select(role => role.ToString()).ToHashSet();
        var open = row.Status == UserTaskStatus.Open;
        var candidate = roles.Contains(row.CandidateRole);
        var oversees = row.EscalateTo is { } overseer && roles.Contains(overseer);
        var assignee = row.Assignee == me;
        return new TaskDetails(
            view,
            row.Note,
            MayClaim: open && row.Assignee is null && candidate,
            MayAssign: open && (assignee || oversees),
            MayComplete: open && view.CompletedByStep is null && (assignee || candidate),
            MayCancel: open && (assignee || candidate || oversees));
    }
}
