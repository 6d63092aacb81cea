using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Tasks.ListTasks;

/// <summary>
/// Filters for the open tasks: <see cref="Mine"/> — assigned to me, or nobody's yet and for a role I hold;
/// <see cref="Overdue"/> — past their due time. <see cref="After"/> is the cursor from the previous page.
/// </summary>
public sealed record TaskFilter(bool Mine, string? Unit, bool Overdue, TaskCursor? After, int? Limit);

/// <summary>A page of tasks, earliest due first; <see cref="NextCursor"/> (the next page's <c>after</c>) is null on the last page.</summary>
public sealed record TaskPage(IReadOnlyList<TaskView> Items, string? NextCursor);

/// <summary>Where a page of tasks ends: the due time and id of its last task (keyset paging on due time, then id).</summary>
public sealed record TaskCursor(DateTimeOffset DueAt, Guid Id)
{
    public override string ToString() => $"{DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{Id:N}";

    public static bool TryParse(string? text, out TaskCursor? cursor)
    {
        cursor = null;
        var parts = text?.Split('-') ?? [];
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }

        cursor = new TaskCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}

/// <summary>The open tasks of the user's own units, earliest due (so the overdue) first. The listing is access-logged per unit.</summary>
public sealed class TaskList(ServiceDbContext db, TaskViews views, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<TaskPage> ListAsync(ClaimsPrincipal user, TaskFilter filter, CancellationToken cancellationToken)
    {
        var units = CaseAccess.ListableUnits(user);
        if (filter.Unit is not null)
        {
            units = [.. units.Where(unit => unit == filter.Unit)];
        }

        var now = time.GetUtcNow();
        var limit = Math.Clamp(filter.Limit ?? DefaultLimit, 1, MaxLimit);
        var query = db.WorkflowTasks.AsNoTracking().Where(task => task.Status == UserTaskStatus.Open && units.Contains(task.UnitCode));
        if (filter.Mine)
        {
            var me = user.StaffId();
            var roles = user.Roles().Select(role => role.ToString()).ToList();
            query = query.Where(task => task.Assignee == me || (task.Assignee == null && roles.Contains(task.CandidateRole)));
        }

        if (filter.Overdue)
        {
            query = query.Where(task => task.DueAt < now);
        }

        if (filter.After is { } after)
        {
            query = query.Where(task => EF.Functions.GreaterThan(ValueTuple.Create(task.DueAt, task.Id), ValueTuple.Create(after.DueAt, after.Id)));
        }

        var tasks = await views.ReadAsync(query.OrderBy(task => task.DueAt).ThenBy(task => task.Id).Take(limit + 1), cancellationToken);
        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list-tasks", now);
        }

        await db.SaveChangesAsync(cancellationToken);
        var page = tasks.Take(limit).Select(task => task.View).ToList();
        return new TaskPage(page, tasks.Count > limit ? new TaskCursor(page[^1].DueAt, page[^1].Id).ToString() : null);
    }
}
