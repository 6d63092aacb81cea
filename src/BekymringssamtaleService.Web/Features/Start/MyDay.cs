using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Start;

/// <summary>A booked conversation the officer takes part in.</summary>
public sealed record MyConversation(Guid CaseId, string CaseNumber, string UnitName, DateTimeOffset StartsAt, int DurationMinutes, string Place);

/// <summary>An open task that is the officer's: assigned to them, or nobody's yet on a case they answer for.</summary>
public sealed record MyTask(Guid TaskId, Guid CaseId, string CaseNumber, string UnitName, string Title, DateTimeOffset DueAt, bool Overdue);

/// <summary>A letter of one of the officer's cases that did not get through or waits for them to print it.</summary>
public sealed record LetterToSee(Guid CaseId, string CaseNumber, string UnitName, LetterKind Kind, LetterStatus Status, DateTimeOffset CreatedAt);

/// <summary>An open case of the officer's with nothing ahead: no open task and no booked meeting.</summary>
public sealed record CaseWithoutNextStep(Guid CaseId, string CaseNumber, string UnitName, string StepTitle, DateTimeOffset Since);

public sealed record OfficerDay(
    IReadOnlyList<MyConversation> Today, IReadOnlyList<MyConversation> RestOfWeek, IReadOnlyList<MyTask> Tasks,
    IReadOnlyList<LetterToSee> Letters, IReadOnlyList<CaseWithoutNextStep> CasesWithoutNextStep);

/// <summary>An approval a Lead of the case's unit is asked for, from the moment the case asks.</summary>
public sealed record ApprovalWaiting(Guid CaseId, string CaseNumber, string UnitName, string Title, DateTimeOffset AskedAt, DateTimeOffset DueAt);

/// <summary>An officer of the Lead's units with what they carry there.</summary>
public sealed record OfficerLoad(string Name, int OpenCases, int OpenTasks);

/// <summary>
/// The officer's and the Lead's parts of the start page, each list one set-based query over the user's own units
/// (the lists of a role the user does not hold are never read). Listing is access-logged per unit, not saved here: the
/// page saves every row of its request at once.
/// </summary>
public sealed class MyDay(ServiceDbContext db, WorkflowCatalog catalog)
{
    public const int Limit = 50;
    private static readonly string[] Ended = [CaseWorkflow.Closed, CaseWorkflow.Cancelled];
    private static readonly LetterStatus[] LettersToSee = [LetterStatus.Failed, LetterStatus.Rejected, LetterStatus.AwaitingPrint];

    public async Task<OfficerDay> OfficerAsync(ClaimsPrincipal user, IReadOnlyDictionary<string, string> unitNames, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var me = user.StaffId();
        var units = CaseAccess.ListableUnits(user);
        var today = OsloTime.Today(now);
        var startOfToday = OsloTime.FromOsloWallClock(today.ToDateTime(TimeOnly.MinValue)).ToUniversalTime();
        var tomorrow = OsloTime.FromOsloWallClock(today.AddDays(1).ToDateTime(TimeOnly.MinValue)).ToUniversalTime();
        // The week ends with Sunday: on a Sunday the rest of the week is empty.
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var endOfWeek = OsloTime.FromOsloWallClock(today.AddDays(daysToMonday == 0 ? 7 : daysToMonday).ToDateTime(TimeOnly.MinValue)).ToUniversalTime();

        var meetings = await (
                from meeting in db.Meetings.AsNoTracking()
                join concernCase in db.Cases on meeting.CaseId equals concernCase.Id
                where meeting.Status == MeetingStatus.Booked && meeting.StartsAt >= startOfToday && meeting.StartsAt < endOfWeek
                    && meeting.OfficerIds.Contains(me) && units.Contains(concernCase.UnitCode) && concernCase.BlockedAt == null
                orderby meeting.StartsAt
                select new { concernCase.Id, concernCase.Number, concernCase.UnitCode, meeting.StartsAt, meeting.DurationMinutes, meeting.Place })
            .Take(Limit)
            .ToListAsync(cancellationToken);

        var officerRole = nameof(Role.Officer);
        var tasks = await (
                from task in db.WorkflowTasks.AsNoTracking()
                join concernCase in db.Cases on task.InstanceId equals concernCase.Id
                where task.Status == UserTaskStatus.Open && units.Contains(task.UnitCode)
                    && (task.Assignee == me || (task.Assignee == null && task.CandidateRole == officerRole && concernCase.ResponsibleOfficerId == me))
                orderby task.DueAt, task.Id
                select new { task.Id, CaseId = concernCase.Id, concernCase.Number, concernCase.UnitCode, task.Title, task.DueAt })
            .Take(Limit)
            .ToListAsync(cancellationToken);

        var myOpenCases =
            from concernCase in db.Cases.AsNoTracking()
            join instance in db.WorkflowInstances on concernCase.Id equals instance.Id
            where concernCase.ResponsibleOfficerId == me && units.Contains(concernCase.UnitCode) && concernCase.BlockedAt == null
            select new { concernCase, instance };

        // Letters and cases without a next step in one query: both are "my cases that need me", oldest first.
        var attention = await (
                (from row in myOpenCases
                 join letter in db.Letters on row.concernCase.Id equals letter.CaseId
                 where LettersToSee.Contains(letter.Status)
                 select new AttentionRow
                 {
                     CaseId = row.concernCase.Id, Number = row.concernCase.Number, UnitCode = row.concernCase.UnitCode,
                     LetterKind = (LetterKind?)letter.Kind, LetterStatus = (LetterStatus?)letter.Status, State = null, At = letter.CreatedAt,
                 })
                .OrderBy(row => row.At)
                .Take(Limit)
                .Concat((
                    from row in myOpenCases
                    where !Ended.Contains(row.instance.State)
                        && !db.WorkflowTasks.Any(task => task.InstanceId == row.concernCase.Id && task.Status == UserTaskStatus.Open)
                        && !db.Meetings.Any(meeting => meeting.CaseId == row.concernCase.Id && meeting.Status == MeetingStatus.Booked)
                    select new AttentionRow
                    {
                        CaseId = row.concernCase.Id, Number = row.concernCase.Number, UnitCode = row.concernCase.UnitCode,
                        LetterKind = null, LetterStatus = null, State = row.instance.State, At = row.instance.StateEnteredAt,
                    }).OrderBy(row => row.At).Take(Limit)))
            .ToListAsync(cancellationToken);

        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list-my-day", now);
        }

        var definition = catalog.Get(CaseWorkflow.Name);
        string Unit(string code) => unitNames.GetValueOrDefault(code, code);
        var conversations = meetings
            .Select(m => new MyConversation(m.Id, CaseNumbers.Format(m.Number), Unit(m.UnitCode), m.StartsAt, m.DurationMinutes, m.Place))
            .ToList();
        return new OfficerDay(
            [.. conversations.Where(c => c.StartsAt < tomorrow)],
            [.. conversations.Where(c => c.StartsAt >= tomorrow)],
            [.. tasks.Select(t => new MyTask(t.Id, t.CaseId, CaseNumbers.Format(t.Number), Unit(t.UnitCode), t.Title, t.DueAt, t.DueAt < now))],
            [.. attention.Where(a => a.LetterKind is not null).OrderBy(a => a.At)
                .Select(a => new LetterToSee(a.CaseId, CaseNumbers.Format(a.Number), Unit(a.UnitCode), a.LetterKind!.Value, a.LetterStatus!.Value, a.At))],
            [.. attention.Where(a => a.State is not null).OrderBy(a => a.At)
                .Select(a => new CaseWithoutNextStep(a.CaseId, CaseNumbers.Format(a.Number), Unit(a.UnitCode), definition.State(a.State!).Title, a.At))]);
    }

    /// <summary>The approvals asked of the Leads of the user's units, the longest waiting first.</summary>
    public async Task<IReadOnlyList<ApprovalWaiting>> ApprovalsAsync(ClaimsPrincipal user, IReadOnlyDictionary<string, string> unitNames, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var units = CaseAccess.ListableUnits(user);
        var leadRole = nameof(Role.Lead);
        var rows = await (
                from task in db.WorkflowTasks.AsNoTracking()
                join concernCase in db.Cases on task.InstanceId equals concernCase.Id
                where task.Status == UserTaskStatus.Open && task.CandidateRole == leadRole && units.Contains(task.UnitCode)
                orderby task.CreatedAt, task.Id
                select new { CaseId = concernCase.Id, concernCase.Number, concernCase.UnitCode, task.Title, task.CreatedAt, task.DueAt })
            .Take(Limit)
            .ToListAsync(cancellationToken);
        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list-approvals", now, Domain.Access.AccessPurpose.Approval);
        }

        return [.. rows.Select(r => new ApprovalWaiting(r.CaseId, CaseNumbers.Format(r.Number), unitNames.GetValueOrDefault(r.UnitCode, r.UnitCode), r.Title, r.CreatedAt, r.DueAt))];
    }

    /// <summary>Each active officer of the Lead's units, by name, with their open cases and open tasks in those units.</summary>
    public async Task<IReadOnlyList<OfficerLoad>> OfficerLoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var units = CaseAccess.ListableUnits(user);
        var rows = await db.StaffMembers.AsNoTracking()
            .Where(staff => staff.DeactivatedAt == null && staff.Roles.Contains(Role.Officer) && staff.UnitCodes.Any(unit => units.Contains(unit)))
            .OrderBy(staff => staff.DisplayName).ThenBy(staff => staff.Id)
            .Select(staff => new
            {
                staff.DisplayName,
                OpenCases = db.Cases.Count(c => c.ResponsibleOfficerId == staff.Id && units.Contains(c.UnitCode) && c.BlockedAt == null
                    && db.WorkflowInstances.Any(i => i.Id == c.Id && !Ended.Contains(i.State))),
                OpenTasks = db.WorkflowTasks.Count(t => t.Assignee == staff.Id && t.Status == UserTaskStatus.Open && units.Contains(t.UnitCode)),
            })
            .Take(Limit * 4)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OfficerLoad(r.DisplayName, r.OpenCases, r.OpenTasks))];
    }

    private sealed class AttentionRow
    {
        public Guid CaseId { get; init; }
        public long Number { get; init; }
        public required string UnitCode { get; init; }
        public LetterKind? LetterKind { get; init; }
        public LetterStatus? LetterStatus { get; init; }
        public string? State { get; init; }
        public DateTimeOffset At { get; init; }
    }
}
