using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Audit;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Coordination;
using BekymringssamtaleService.Web.Features.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Start;

/// <summary>
/// Min dag, the start page: who is signed in, and each of their roles' work. An officer sees their conversations
/// this week, their open tasks, their letters that need them and their cases with no next step; a Lead the approvals
/// and overdue tasks of their units and each officer's load; a Liaison the compartment's lists; an Admin incidents,
/// failing letters and job health; an Auditor the way to the access log.
/// </summary>
[OutsideCaseScope("Startsiden viser hver rolle bare egne lister: en forebygger egne samtaler, oppgaver og saker (MyDay), en leder godkjenninger, forfalte oppgaver og belastning i egne enheter (MyDay, EscalatedTaskList), en forebyggingskontakt egne enheters koordineringsarbeid (LiaisonWorklist), en forvalter hendelser og jobber uten saksinnhold (AdminDay).")]
public sealed class IndexModel(ServiceDbContext db, MyDay myDay, AdminDay adminDay, EscalatedTaskList escalatedTasks, LiaisonWorklist liaisonWorklist, TimeProvider time) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>The user's units by name ("Oslo sentrum, Oslo politidistrikt"), in the order of the register.</summary>
    public IReadOnlyList<string> UnitNames { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>Null for users who are not Officers, and so on for each role's part.</summary>
    public OfficerDay? Officer { get; private set; }

    public IReadOnlyList<ApprovalWaiting>? Approvals { get; private set; }
    public IReadOnlyList<EscalatedTask>? EscalatedTasks { get; private set; }
    public IReadOnlyList<OfficerLoad>? Load { get; private set; }
    public LiaisonWorklistView? Coordination { get; private set; }
    public AdminOverview? Admin { get; private set; }
    public bool Auditor { get; private set; }

    private IReadOnlyDictionary<string, string> _unitNames = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DisplayName = User.Identity?.Name ?? "";
        var roles = User.Roles();
        Roles = [.. roles.Select(RoleNames.Norwegian)];
        Now = time.GetUtcNow();
        var unitCodes = User.UnitCodes();
        var units = await db.Units.AsNoTracking()
            .Where(unit => unitCodes.Contains(unit.Code))
            .Join(db.PoliceDistricts, unit => unit.DistrictCode, district => district.Code,
                (unit, district) => new { unit.Code, UnitName = unit.Name, DistrictName = district.Name })
            .OrderBy(row => row.DistrictName).ThenBy(row => row.UnitName)
            .ToListAsync(cancellationToken);
        UnitNames = [.. units.Select(unit => $"{unit.UnitName}, {unit.DistrictName}")];
        _unitNames = units.ToDictionary(unit => unit.Code, unit => unit.UnitName);

        if (roles.Contains(Role.Officer))
        {
            Officer = await myDay.OfficerAsync(User, _unitNames, Now, cancellationToken);
        }

        if (CaseAccess.MayOverseeEscalatedTasks(User))
        {
            var lead = await myDay.LeadAsync(User, _unitNames, Now, cancellationToken);
            Approvals = lead.Approvals;
            Load = lead.Load;
            EscalatedTasks = await escalatedTasks.ListUnsavedAsync(User, cancellationToken);
        }

        Coordination = await liaisonWorklist.ListAsync(User, cancellationToken);

        // The lists above added their access-log rows; they are saved together, before anything is shown.
        await AccessLog.SaveAddedAsync(db, cancellationToken);

        if (roles.Contains(Role.Admin))
        {
            Admin = await adminDay.ReadAsync(cancellationToken);
        }

        Auditor = AccessLogSearch.MayRead(User);
    }

    public string UnitName(string code) => _unitNames.GetValueOrDefault(code, code);

    /// <summary>How long the task has been past its due time, in whole days (or hours, on its first day).</summary>
    public string OverdueFor(DateTimeOffset dueAt) => (Now - dueAt) switch
    {
        { TotalDays: >= 2 } overdue => $"{(int)overdue.TotalDays} dager",
        { TotalDays: >= 1 } => "1 dag",
        { TotalHours: >= 2 } overdue => $"{(int)overdue.TotalHours} timer",
        { TotalHours: >= 1 } => "1 time",
        _ => "under en time",
    };
}
