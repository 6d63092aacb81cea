using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Tasks;

/// <summary>An open task past its escalation time, as a Lead of the case's unit sees it: the case by its number, no youth's name.</summary>
public sealed record EscalatedTask(Guid TaskId, Guid CaseId, string CaseNumber, string UnitCode, string Title, DateTimeOffset DueAt, DateTimeOffset EscalatedAt);

/// <summary>The open tasks escalated to the Leads of the user's units, longest overdue first. The listing is access-logged per unit.</summary>
public sealed class EscalatedTaskList(ServiceDbContext db, TimeProvider time)
{
    public const int Limit = 200;
    private const string EscalatedToLead = nameof(Role.Lead);

    public async Task<(CaseAccessDecision Decision, IReadOnlyList<EscalatedTask> Tasks)> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!CaseAccess.MayOverseeEscalatedTasks(user))
        {
            return (CaseAccessDecision.Forbidden, []);
        }

        var tasks = await ListUnsavedAsync(user, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (CaseAccessDecision.Allowed, tasks);
    }

    /// <summary>
    /// The list for a caller that has checked <see cref="CaseAccess.MayOverseeEscalatedTasks(ClaimsPrincipal)"/>, with its access-log rows
    /// added but not saved: the start page saves every row of its request in one write.
    /// </summary>
    public async Task<IReadOnlyList<EscalatedTask>> ListUnsavedAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var units = CaseAccess.ListableUnits(user);
        // The task's unit is its case's: filtering on it finds the few escalated tasks through their own index.
        var rows = await (
                from task in db.WorkflowTasks.AsNoTracking()
                join concernCase in db.Cases on task.InstanceId equals concernCase.Id
                where task.Status == UserTaskStatus.Open && task.EscalatedAt != null && task.EscalateTo == EscalatedToLead
                    && units.Contains(task.UnitCode) && units.Contains(concernCase.UnitCode)
                orderby task.DueAt
                select new { task.Id, CaseId = concernCase.Id, concernCase.Number, concernCase.UnitCode, task.Title, task.DueAt, EscalatedAt = task.EscalatedAt!.Value })
            .Take(Limit)
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list-escalated-tasks", now);
        }

        return [.. rows.Select(row => new EscalatedTask(row.Id, row.CaseId, CaseNumbers.Format(row.Number), row.UnitCode, row.Title, row.DueAt, row.EscalatedAt))];
    }
}
