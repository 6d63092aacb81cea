using System.Globalization;
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

/// <summary>
/// A booked conversation the officer takes part in. <see cref="Where"/> is the booked room's name when the meeting has
/// a room (that is where the officer goes in the building), otherwise the place the invitation gives.
/// </summary>
public sealed record MyConversation(Guid CaseId, string CaseNumber, string UnitName, DateTimeOffset StartsAt, int DurationMinutes, string Where);

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

public sealed record LeadDay(IReadOnlyList<ApprovalWaiting> Approvals, IReadOnlyList<OfficerLoad> Load);

/// <summary>
/// The officer's and the Lead's parts of the start page, each list one set-based query over the user's own units
/// (the lists of a role the user does not hold are never read). Listing is access-logged per unit, not saved here: the
/// page saves every row of its request at once.
/// </summary>
public sealed class MyDay(ServiceDbContext db, WorkflowCatalog catalog)
{
    public const int Limit = 50;
    private static readonly StringComparer NorwegianOrder = StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), ignoreCase: false);
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
                join room in db.BookableResources on meeting.RoomId equals room.Id into rooms
                from room in rooms.DefaultIfEmpty()
                where meeting.Status == MeetingStatus.Booked && meeting.StartsAt >= startOfToday && meeting.StartsAt < endOfWeek
                    && meeting.OfficerIds.Contains(me) && units.Contains(concernCase.UnitCode) && concernCase.BlockedAt == null
                orderby meeting.StartsAt
                select new { concernCase.Id, concernCase.Number, concernCase.UnitCode, meeting.StartsAt, meeting.DurationMinutes, Where = room != null ? room.Name : meeting.Place })
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

        var myCases =
            from concernCase in db.Cases.AsNoTracking()
            where concernCase.ResponsibleOfficerId == me && units.Contains(concernCase.UnitCode) && concernCase.BlockedAt == null
            select concernCase;

        // Letters and cases without a next step in one query: both are "my cases that need me", oldest first. The
        // cases without a next step start from the open cases of the units (a few per cent of all), not from every case
        // the officer ever had.
        var attention = await (
                (from concernCase in myCases
                 join letter in db.Letters on concernCase.Id equals letter.CaseId
                 where LettersToSee.Contains(letter.Status)
                 select new AttentionRow
                 {
                     CaseId = concernCase.Id, Number = concernCase.Number, UnitCode = concernCase.UnitCode,
                     LetterKind = (LetterKind?)letter.Kind, LetterStatus = (LetterStatus?)letter.Status, State = null, At = letter.CreatedAt,
                 })
                .OrderBy(row => row.At)
                .Take(Limit)
                .Concat((
                    from instance in OpenInstances(units)
                    join concernCase in myCases on instance.Id equals concernCase.Id
                    where !db.WorkflowTasks.Any(task => task.InstanceId == instance.Id && task.Status == UserTaskStatus.Open)
                        && !db.Meetings.Any(meeting => meeting.CaseId == instance.Id && meeting.Status == MeetingStatus.Booked)
                    select new AttentionRow
                    {
                        CaseId = concernCase.Id, Number = concernCase.Number, UnitCode = concernCase.UnitCode,
                        LetterKind = null, LetterStatus = null, State = instance.State, At = instance.StateEnteredAt,
                    }).OrderBy(row => row.At).Take(Limit)))
            .ToListAsync(cancellationToken);

        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list-my-day", now);
        }

        var definition = catalog.Get(CaseWorkflow.Name);
        string Unit(string code) => unitNames.GetValueOrDefault(code, code);
        var conversations = meetings
            .Select(m => new MyConversation(m.Id, CaseNumbers.Format(m.Number), Unit(m.UnitCode), m.StartsAt, m.DurationMinutes, m.Where))
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

    /// <summary>
    /// The approvals asked of the Leads of the user's units, the longest waiting first, and each active officer of those
    /// units by name with the open cases they answer for and the open tasks assigned to them there, in one query.
    /// </summary>
    public async Task<LeadDay> LeadAsync(ClaimsPrincipal user, IReadOnlyDictionary<string, string> unitNames, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var units = CaseAccess.ListableUnits(user);
        var leadRole = nameof(Role.Lead);
        var approvals =
            from task in db.WorkflowTasks.AsNoTracking()
            join concernCase in db.Cases on task.InstanceId equals concernCase.Id
            where task.Status == UserTaskStatus.Open && task.CandidateRole == leadRole && units.Contains(task.UnitCode)
            orderby task.CreatedAt, task.Id
            select new LeadRow
            {
                TaskId = task.Id, CaseId = concernCase.Id, Number = concernCase.Number, UnitCode = concernCase.UnitCode, Title = task.Title,
                AskedAt = task.CreatedAt, DueAt = task.DueAt, OfficerName = null, OfficerId = null, OpenCases = 0, OpenTasks = 0,
            };

        // Counted once per officer over the open cases and open tasks of the units, not once per officer over every case.
        var openCases =
            from instance in OpenInstances(units)
            join concernCase in db.Cases on instance.Id equals concernCase.Id
            where units.Contains(concernCase.UnitCode) && concernCase.BlockedAt == null
            group concernCase by concernCase.ResponsibleOfficerId into officerCases
            select new { OfficerId = officerCases.Key, Count = officerCases.Count() };
        var openTasks =
            from task in db.WorkflowTasks
            where task.Status == UserTaskStatus.Open && units.Contains(task.UnitCode) && task.Assignee != null
            group task by task.Assignee into officerTasks
            select new { OfficerId = officerTasks.Key, Count = officerTasks.Count() };
        var load =
            from staff in db.StaffMembers.AsNoTracking()
            where staff.DeactivatedAt == null && staff.Roles.Contains(Role.Officer) && staff.UnitCodes.Any(unit => units.Contains(unit))
            join cases in openCases on staff.Id equals cases.OfficerId into caseCounts
            from cases in caseCounts.DefaultIfEmpty()
            join tasks in openTasks on staff.Id equals tasks.OfficerId into taskCounts
            from tasks in taskCounts.DefaultIfEmpty()
            select new LeadRow
            {
                TaskId = null, CaseId = null, Number = null, UnitCode = null, Title = null, AskedAt = null, DueAt = null,
                OfficerName = staff.DisplayName, OfficerId = staff.Id, OpenCases = (int?)cases!.Count ?? 0, OpenTasks = (int?)tasks!.Count ?? 0,
            };

        // The officers are sorted here, in Norwegian order, and not limited (a unit has tens of them): a load branch with no
        // ORDER BY or LIMIT stays out of a subquery, so its bare NULLs take the approvals' column types in the union
        // (inside a subquery PostgreSQL would type them as text, and uuid and text do not unite).
        var rows = await approvals.Take(Limit).Concat(load).ToListAsync(cancellationToken);
        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list-approvals", now, Domain.Access.AccessPurpose.Approval);
        }

        return new LeadDay(
            [.. rows.Where(r => r.OfficerId is null).OrderBy(r => r.AskedAt).ThenBy(r => r.TaskId)
                .Select(r => new ApprovalWaiting(r.CaseId!.Value, CaseNumbers.Format(r.Number!.Value), unitNames.GetValueOrDefault(r.UnitCode!, r.UnitCode!), r.Title!, r.AskedAt!.Value, r.DueAt!.Value))],
            [.. rows.Where(r => r.OfficerId is not null).OrderBy(r => r.OfficerName, NorwegianOrder).ThenBy(r => r.OfficerId, StringComparer.Ordinal)
                .Select(r => new OfficerLoad(r.OfficerName!, r.OpenCases, r.OpenTasks))]);
    }

    /// <summary>The workflow instances of the units that are neither closed nor cancelled: a partial index holds just these.</summary>
    private IQueryable<WorkflowInstanceRow> OpenInstances(IReadOnlyCollection<string> units) =>
        db.WorkflowInstances.AsNoTracking()
            .Where(instance => units.Contains(instance.UnitCode) && instance.State != CaseWorkflow.Closed && instance.State != CaseWorkflow.Cancelled);

    /// <summary>An approval or an officer's load: the Lead's two lists come back from one query.</summary>
    private sealed class LeadRow
    {
        public Guid? TaskId { get; init; }
        public Guid? CaseId { get; init; }
        public long? Number { get; init; }
        public string? UnitCode { get; init; }
        public string? Title { get; init; }
        public DateTimeOffset? AskedAt { get; init; }
        public DateTimeOffset? DueAt { get; init; }
        public string? OfficerId { get; init; }
        public string? OfficerName { get; init; }
        public int OpenCases { get; init; }
        public int OpenTasks { get; init; }
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
