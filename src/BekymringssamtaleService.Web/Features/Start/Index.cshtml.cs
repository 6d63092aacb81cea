using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Coordination;
using BekymringssamtaleService.Web.Features.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Start;

/// <summary>
/// The start page after login: who is signed in, with which roles, in which units; for a Lead, the tasks of their
/// units that are overdue and escalated to them; for a Liaison, the coordination work of their units.
/// </summary>
[OutsideCaseScope("Startsiden viser hver bruker egne roller og enheter; forfalte oppgaver bare for en leder i egne enheter (EscalatedTaskList), koordineringsarbeid bare for en forebyggingskontakt i egne enheter (LiaisonWorklist).")]
public sealed class IndexModel(ServiceDbContext db, EscalatedTaskList escalatedTasks, LiaisonWorklist liaisonWorklist, TimeProvider time) : PageModel
{
    private DateTimeOffset _now;

    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    /// <summary>Null for users who are not Leads: they see no such section.</summary>
    public IReadOnlyList<EscalatedTask>? EscalatedTasks { get; private set; }

    /// <summary>Null for users who are not Liaisons: the cases awaiting a coordination decision, the flagged cases and the open coordination tasks of their units.</summary>
    public LiaisonWorklistView? Coordination { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DisplayName = User.Identity?.Name ?? "";
        Roles = [.. User.Roles().Select(RoleNames.Norwegian)];
        var unitCodes = User.UnitCodes();
        Units = await db.Units
            .Where(unit => unitCodes.Contains(unit.Code))
            .Join(db.PoliceDistricts, unit => unit.DistrictCode, district => district.Code,
                (unit, district) => new { UnitName = unit.Name, DistrictName = district.Name })
            .OrderBy(row => row.DistrictName).ThenBy(row => row.UnitName)
            .Select(row => new UnitRow(row.UnitName, row.DistrictName))
            .ToListAsync(cancellationToken);

        _now = time.GetUtcNow();
        var (decision, tasks) = await escalatedTasks.ListAsync(User, cancellationToken);
        EscalatedTasks = decision == CaseAccessDecision.Allowed ? tasks : null;
        Coordination = await liaisonWorklist.ListAsync(User, cancellationToken);
    }

    /// <summary>How long the task has been past its due time, in whole days (or hours, on its first day).</summary>
    public string OverdueFor(EscalatedTask task) => (_now - task.DueAt) switch
    {
        { TotalDays: >= 2 } overdue => $"{(int)overdue.TotalDays} dager",
        { TotalDays: >= 1 } => "1 dag",
        { TotalHours: >= 2 } overdue => $"{(int)overdue.TotalHours} timer",
        { TotalHours: >= 1 } => "1 time",
        _ => "under en time",
    };

    public sealed record UnitRow(string UnitName, string DistrictName);
}
