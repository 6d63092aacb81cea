using System.Security.Claims;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Coordination;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>A flagged case: whom others are told to ask, since when.</summary>
public sealed record FlaggedCase(Guid CaseId, string CaseNumber, string UnitCode, string YouthName, string Liaison, DateTimeOffset FlaggedAt);

/// <summary>An open coordination task, by case and due day only: what it is about is read in the compartment, with a purpose.</summary>
public sealed record OpenCoordinationTask(Guid CaseId, string CaseNumber, string UnitCode, DateOnly DueOn);

/// <summary>An open case a Liaison has to decide on: registered with source PST, or with radicalisation notes from the mapping since the last decision.</summary>
public sealed record CaseAwaitingDecision(Guid CaseId, string CaseNumber, string UnitCode, string YouthName, bool FromPst, bool HasMappingNotes, DateTimeOffset RegisteredAt);

public sealed record LiaisonWorklistView(IReadOnlyList<CaseAwaitingDecision> AwaitingDecision, IReadOnlyList<FlaggedCase> Flagged, IReadOnlyList<OpenCoordinationTask> OpenTasks);

/// <summary>
/// A Liaison's start page: the cases of their units awaiting a coordination decision, the flagged cases and the open
/// coordination tasks, earliest due first. Shows which cases, never what the compartment holds; logged per unit (the
/// access-log rows are added, and the start page saves them with the rest of its rows before showing anything).
/// </summary>
public sealed class LiaisonWorklist(ServiceDbContext db, TimeProvider time)
{
    private static readonly string[] Ended = ["Closed", "Cancelled"];

    /// <summary>Null for anyone who is not a Liaison.</summary>
    public async Task<LiaisonWorklistView?> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!CoordinationGate.IsLiaison(user))
        {
            return null;
        }

        var units = user.UnitCodes();
        var cases =
            from concernCase in db.Cases.AsNoTracking()
            join instance in db.WorkflowInstances on concernCase.Id equals instance.Id
            where units.Contains(concernCase.UnitCode)
            select new { concernCase, instance.State };

        var awaiting = await (
            from row in cases
            join decision in db.CoordinationDecisions on row.concernCase.Id equals decision.CaseId into decisions
            from decision in decisions.DefaultIfEmpty()
            let lastNote = db.CoordinationEntries
                .Where(e => e.CaseId == row.concernCase.Id && e.Kind == CoordinationEntryKind.MappingNote)
                .Max(e => (DateTimeOffset?)e.RecordedAt)
            where !Ended.Contains(row.State)
            where decision == null
                ? row.concernCase.Source == ConcernSource.Pst || lastNote != null
                : decision.Outcome == CoordinationOutcome.NotNeeded && lastNote > decision.DecidedAt
            orderby row.concernCase.Number
            select new
            {
                row.concernCase.Id, row.concernCase.Number, row.concernCase.UnitCode, row.concernCase.Youth.GivenName, row.concernCase.Youth.FamilyName,
                FromPst = row.concernCase.Source == ConcernSource.Pst, HasNotes = lastNote != null, row.concernCase.RegisteredAt,
            }).ToListAsync(cancellationToken);

        var flagged = await (
            from row in cases
            join decision in db.CoordinationDecisions on row.concernCase.Id equals decision.CaseId
            join liaison in db.StaffMembers on decision.LiaisonId equals liaison.Id
            where decision.Outcome == CoordinationOutcome.Flagged
            orderby decision.DecidedAt descending
            select new
            {
                row.concernCase.Id, row.concernCase.Number, row.concernCase.UnitCode, row.concernCase.Youth.GivenName, row.concernCase.Youth.FamilyName,
                Liaison = liaison.DisplayName, decision.DecidedAt,
            }).ToListAsync(cancellationToken);

        var tasks = await (
            from row in cases
            join task in db.CoordinationTasks on row.concernCase.Id equals task.CaseId
            where task.DoneAt == null
            orderby task.DueOn, row.concernCase.Number
            select new { row.concernCase.Id, row.concernCase.Number, row.concernCase.UnitCode, task.DueOn }).ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list-coordination", now, AccessPurpose.Coordination);
        }

        return new LiaisonWorklistView(
            [.. awaiting.Select(c => new CaseAwaitingDecision(c.Id, CaseNumbers.Format(c.Number), c.UnitCode, $"{c.GivenName} {c.FamilyName}", c.FromPst, c.HasNotes, c.RegisteredAt))],
            [.. flagged.Select(c => new FlaggedCase(c.Id, CaseNumbers.Format(c.Number), c.UnitCode, $"{c.GivenName} {c.FamilyName}", c.Liaison, c.DecidedAt))],
            [.. tasks.Select(t => new OpenCoordinationTask(t.Id, CaseNumbers.Format(t.Number), t.UnitCode, t.DueOn))]);
    }
}
