using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.ListCases;

/// <summary>
/// What the case list is filtered by (all optional, all combined), as <see cref="CaseQuery"/> read it. A number or
/// name search is <see cref="Search"/>; <see cref="DueBefore"/> keeps cases with an open task due before then.
/// <see cref="After"/> is the cursor of the number sorts (keyset paging), <see cref="Offset"/> the position in the
/// other sorts, which page only <see cref="CaseList.MaxOffset"/> rows deep.
/// </summary>
public sealed record CaseFilter
{
    public string? State { get; init; }
    public string? Unit { get; init; }
    public string? Officer { get; init; }
    public DateTimeOffset? DueBefore { get; init; }
    public Track? Track { get; init; }
    public ConcernSource? Source { get; init; }
    public CaseSearch? Search { get; init; }
    public DateOnly? BirthDate { get; init; }
    public CaseSort Sort { get; init; } = CaseSort.Newest;
    public long? After { get; init; }
    public int Offset { get; init; }
    public int? Limit { get; init; }
}

/// <summary>
/// A search: a case number (BS-123 or 123), or words of a youth's name (lower case), each the beginning of a word of the
/// given or the family name ("han" finds Hansen and Berg-Hansen, not Johansen).
/// </summary>
public sealed record CaseSearch(long? Number, IReadOnlyList<string> NameWords);

public enum CaseSort
{
    /// <summary>Newest registered first (the case number, descending); keyset paging.</summary>
    Newest,

    /// <summary>Oldest registered first; keyset paging.</summary>
    Oldest,

    /// <summary>The earliest open task's due time first, cases with none last.</summary>
    NextDue,

    /// <summary>In the order of the workflow's steps, newest first within a step.</summary>
    Step,
}

public sealed record CaseSummary(
    Guid Id,
    string CaseNumber,
    string UnitCode,
    string UnitName,
    string State,
    string StateTitle,
    string YouthName,
    DateOnly YouthBirthDate,
    string ResponsibleOfficerId,
    string? ResponsibleOfficerName,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? NextDue);

/// <summary>How many cases of the filter (whatever its step) are in a step.</summary>
public sealed record StepCount(string State, string StateTitle, int Count);

/// <summary>
/// A page of cases; <see cref="NextCursor"/> (the number sorts' <c>after</c>) or <see cref="NextOffset"/> (the other
/// sorts' <c>offset</c>) is null on the last page. <see cref="StepCounts"/> count the whole filter, by step.
/// </summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, long? NextCursor, int? NextOffset, IReadOnlyList<StepCount> StepCounts)
{
    public static readonly CasePage Empty = new([], null, null, []);
}

/// <summary>
/// The cases of the user's own units, filtered, searched and sorted; a blocked case is in no list. Three queries: the
/// page, the counts per step (one grouped query) and the access log of the listing (per unit).
/// </summary>
public sealed class CaseList(ServiceDbContext db, WorkflowCatalog catalog, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>How deep the sorts without a keyset page: past this, a narrower filter finds the case faster than paging.</summary>
    public const int MaxOffset = 1000;

    public async Task<CasePage> ListAsync(ClaimsPrincipal user, CaseFilter filter, IReadOnlyDictionary<string, string> unitNames, CancellationToken cancellationToken)
    {
        var units = CaseAccess.ListableUnits(user);
        if (filter.Unit is not null)
        {
            // A unit the user is not in is filtered to nothing: its cases are not theirs to list.
            units = [.. units.Where(unit => unit == filter.Unit)];
        }

        var definition = catalog.Get(CaseWorkflow.Name);
        var stateOrder = definition.States.Select(state => state.Name).ToArray();
        var limit = Math.Clamp(filter.Limit ?? DefaultLimit, 1, MaxLimit);
        var filtered = Filtered(units, filter);
        var query = filter.State is null ? filtered : filtered.Where(row => row.Instance.State == filter.State);
        var now = time.GetUtcNow();
        var projected = query.Select(row => new Row
        {
            Id = row.Case.Id,
            Number = row.Case.Number,
            UnitCode = row.Case.UnitCode,
            State = row.Instance.State,
            GivenName = row.Case.Youth.GivenName,
            FamilyName = row.Case.Youth.FamilyName,
            BirthDate = row.Case.Youth.BirthDate,
            ResponsibleOfficerId = row.Case.ResponsibleOfficerId,
            ResponsibleOfficerName = db.StaffMembers.Where(s => s.Id == row.Case.ResponsibleOfficerId).Select(s => s.DisplayName).FirstOrDefault(),
            RegisteredAt = row.Case.RegisteredAt,
            NextDue = db.WorkflowTasks.Where(t => t.InstanceId == row.Case.Id && t.Status == UserTaskStatus.Open).Min(t => (DateTimeOffset?)t.DueAt),
        });

        var ordered = filter.Sort switch
        {
            CaseSort.Oldest => (filter.After is { } after ? projected.Where(row => row.Number > after) : projected).OrderBy(row => row.Number),
            CaseSort.NextDue => projected.OrderBy(row => row.NextDue == null).ThenBy(row => row.NextDue).ThenByDescending(row => row.Number),
            CaseSort.Step => projected.OrderBy(row => Array.IndexOf(stateOrder, row.State)).ThenByDescending(row => row.Number),
            _ => (filter.After is { } before ? projected.Where(row => row.Number < before) : projected).OrderByDescending(row => row.Number),
        };
        var keyset = filter.Sort is CaseSort.Newest or CaseSort.Oldest;
        var offset = keyset ? 0 : Math.Clamp(filter.Offset, 0, MaxOffset);
        var rows = await ordered.Skip(offset).Take(limit + 1).ToListAsync(cancellationToken);

        var counts = await CountsPerStep(units, filter, filtered).ToListAsync(cancellationToken);

        foreach (var unit in units)
        {
            AccessLog.Add(db, user, unit, null, "list", now);
        }

        await AccessLog.SaveAddedAsync(db, cancellationToken);
        var page = rows.Take(limit).Select(r => new CaseSummary(
            r.Id,
            CaseNumbers.Format(r.Number),
            r.UnitCode,
            unitNames.GetValueOrDefault(r.UnitCode, r.UnitCode),
            r.State,
            definition.State(r.State).Title,
            $"{r.GivenName} {r.FamilyName}",
            r.BirthDate,
            r.ResponsibleOfficerId,
            r.ResponsibleOfficerName,
            r.RegisteredAt,
            r.NextDue)).ToList();
        var more = rows.Count > limit;
        var stepCounts = counts
            .OrderBy(count => Array.IndexOf(stateOrder, count.State))
            .Select(count => new StepCount(count.State, definition.State(count.State).Title, count.Count))
            .ToList();
        return new CasePage(
            page,
            more && keyset ? rows[limit - 1].Number : null,
            more && !keyset && offset + limit < MaxOffset ? offset + limit : null,
            stepCounts);
    }

    /// <summary>
    /// The number of cases in each step. Without a filter on the case's own columns the workflow instances are counted
    /// alone (an index-only scan of a unit's instances, less the few blocked cases; a name search adds the matching
    /// case ids, read from the name words' index): joining a unit's every case, or every case with a common name, to
    /// its instance to count them is what makes the page slow at a million cases.
    /// </summary>
    private IQueryable<StepTally> CountsPerStep(IReadOnlyList<string> units, CaseFilter filter, IQueryable<CaseRow> filtered)
    {
        if (filter.Search?.Number is not null || filter.BirthDate is not null || filter.Source is not null || filter.Officer is not null)
        {
            return filtered.GroupBy(row => row.Instance.State).Select(group => new StepTally { State = group.Key, Count = group.Count() });
        }

        var instances = db.WorkflowInstances.AsNoTracking()
            .Where(instance => units.Contains(instance.UnitCode) && !db.Cases.Any(c => c.Id == instance.Id && c.BlockedAt != null));
        foreach (var word in filter.Search?.NameWords ?? [])
        {
            var named = CasesWithNameWord(units, word);
            instances = instances.Where(instance => named.Contains(instance.Id));
        }

        if (filter.Track is { } track)
        {
            var contained = TrackContained(track);
            instances = instances.Where(instance => EF.Functions.JsonContains(instance.Data, contained));
        }

        if (filter.DueBefore?.ToUniversalTime() is { } dueBefore)
        {
            instances = instances.Where(instance => db.WorkflowTasks.Any(t => t.InstanceId == instance.Id && t.Status == UserTaskStatus.Open && t.DueAt < dueBefore));
        }

        return instances.GroupBy(instance => instance.State).Select(group => new StepTally { State = group.Key, Count = group.Count() });
    }

    /// <summary>The ids of the units' cases with a word of the youth's name that begins with <paramref name="word"/> (lower case).</summary>
    private IQueryable<Guid> CasesWithNameWord(IReadOnlyList<string> units, string word)
    {
        var prefix = $"{LikeEscaped(word)}%";
        return db.CaseNameWords.Where(w => units.Contains(w.UnitCode) && EF.Functions.Like(w.Word, prefix)).Select(w => w.CaseId);
    }

    private static string TrackContained(Track track) => $$"""{"track":"{{track.WireName()}}"}""";

    /// <summary>The cases of the units that match every filter but the step (which the counts per step leave out).</summary>
    private IQueryable<CaseRow> Filtered(IReadOnlyList<string> units, CaseFilter filter)
    {
        var query =
            from concernCase in db.Cases.AsNoTracking()
            join instance in db.WorkflowInstances on concernCase.Id equals instance.Id
            where units.Contains(concernCase.UnitCode) && concernCase.BlockedAt == null
            select new CaseRow { Case = concernCase, Instance = instance };

        if (filter.Search is { Number: { } number })
        {
            query = query.Where(row => row.Case.Number == number);
        }

        foreach (var word in filter.Search?.NameWords ?? [])
        {
            var named = CasesWithNameWord(units, word);
            query = query.Where(row => named.Contains(row.Case.Id));
        }

        if (filter.BirthDate is { } birthDate)
        {
            query = query.Where(row => row.Case.Youth.BirthDate == birthDate);
        }

        if (filter.Source is { } source)
        {
            query = query.Where(row => row.Case.Source == source);
        }

        if (filter.Track is { } track)
        {
            var contained = TrackContained(track);
            query = query.Where(row => EF.Functions.JsonContains(row.Instance.Data, contained));
        }

        if (filter.Officer is { } officer)
        {
            query = query.Where(row => row.Case.ResponsibleOfficerId == officer
                || db.Meetings.Any(m => m.CaseId == row.Case.Id && m.Status == MeetingStatus.Booked && m.OfficerIds.Contains(officer)));
        }

        if (filter.DueBefore?.ToUniversalTime() is { } dueBefore)
        {
            query = query.Where(row => db.WorkflowTasks.Any(t => t.InstanceId == row.Case.Id && t.Status == UserTaskStatus.Open && t.DueAt < dueBefore));
        }

        return query;
    }

    private static string LikeEscaped(string word) => word.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);

    private sealed class CaseRow
    {
        public required ConcernCase Case { get; init; }
        public required WorkflowInstanceRow Instance { get; init; }
    }

    private sealed class StepTally
    {
        public required string State { get; init; }
        public int Count { get; init; }
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public long Number { get; init; }
        public required string UnitCode { get; init; }
        public required string State { get; init; }
        public required string GivenName { get; init; }
        public required string FamilyName { get; init; }
        public DateOnly BirthDate { get; init; }
        public required string ResponsibleOfficerId { get; init; }
        public string? ResponsibleOfficerName { get; init; }
        public DateTimeOffset RegisteredAt { get; init; }
        public DateTimeOffset? NextDue { get; init; }
    }
}
