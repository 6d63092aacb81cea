using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Audit;

/// <summary>One access log entry as an auditor sees it: the staff member's name from the register beside their id.</summary>
public sealed record AccessLogItem(
    long Id, DateTimeOffset At, string StaffId, string? StaffName, string? UnitCode, Guid? CaseId, string Action, string Purpose, string? StatedPurpose);

/// <summary>A page of entries, newest first; <see cref="NextCursor"/> (the next page's <c>after</c>) is null on the last page.</summary>
public sealed record AccessLogPage(IReadOnlyList<AccessLogItem> Items, string? NextCursor);

/// <summary>Where a page ends: the time and id of its last entry (keyset paging, newest first).</summary>
public sealed record AccessLogCursor(DateTimeOffset At, long Id)
{
    public override string ToString() => $"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{Id.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, out AccessLogCursor? cursor)
    {
        cursor = null;
        var parts = text?.Split('-') ?? [];
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        cursor = new AccessLogCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}

/// <summary>
/// The access log for the Auditor role, searched and exported. Each search and each export is itself an access-log
/// entry (purpose audit or export, with the case searched for, no unit), saved before the log is read: a search finds
/// itself when it matches.
/// </summary>
public sealed class AccessLogSearch(ServiceDbContext db, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static bool MayRead(ClaimsPrincipal user) => user.IsInRole(nameof(Role.Auditor));

    public async Task<AccessLogPage> SearchAsync(
        ClaimsPrincipal user, AccessLogCriteria criteria, AccessLogCursor? after, int? limit, CancellationToken cancellationToken)
    {
        await LogAsync(user, criteria, "search-access-log", AccessPurpose.Audit, cancellationToken);
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var query = Matching(criteria);
        if (after is not null)
        {
            query = query.Where(entry => EF.Functions.LessThan(ValueTuple.Create(entry.At, entry.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var entries = await query.OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id).Take(take + 1).ToListAsync(cancellationToken);
        var names = await NamesAsync([.. entries.Select(entry => entry.StaffId)], cancellationToken);
        var page = entries.Take(take).Select(entry => Item(entry, names)).ToList();
        return new AccessLogPage(page, entries.Count > take ? new AccessLogCursor(page[^1].At, page[^1].Id).ToString() : null);
    }

    /// <summary>Every entry the criteria match, newest first, read as they are written out.</summary>
    public async IAsyncEnumerable<AccessLogItem> ExportAsync(
        ClaimsPrincipal user, AccessLogCriteria criteria, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await LogAsync(user, criteria, "export-access-log", AccessPurpose.Export, cancellationToken);
        var names = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(staff => staff.Id, staff => staff.DisplayName, cancellationToken);
        var entries = Matching(criteria).OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id).AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            yield return Item(entry, names);
        }
    }

    private async Task LogAsync(ClaimsPrincipal user, AccessLogCriteria criteria, string action, AccessPurpose purpose, CancellationToken cancellationToken)
    {
        AccessLog.Add(db, user, unitCode: null, criteria.CaseId, action, time.GetUtcNow(), purpose);
        await db.SaveChangesAsync(cancellationToken);
    }

    private IQueryable<AccessLogEntry> Matching(AccessLogCriteria criteria)
    {
        var query = db.AccessLog.AsNoTracking();
        if (criteria.StaffId is { } staffId)
        {
            query = query.Where(entry => entry.StaffId == staffId);
        }

        if (criteria.CaseId is { } caseId)
        {
            query = query.Where(entry => entry.CaseId == caseId);
        }

        if (criteria.FromInstant is { } from)
        {
            query = query.Where(entry => entry.At >= from);
        }

        if (criteria.UntilInstant is { } until)
        {
            query = query.Where(entry => entry.At < until);
        }

        return query;
    }

    private Task<Dictionary<string, string>> NamesAsync(IReadOnlyCollection<string> staffIds, CancellationToken cancellationToken) =>
        db.StaffMembers.AsNoTracking().Where(staff => staffIds.Contains(staff.Id)).ToDictionaryAsync(staff => staff.Id, staff => staff.DisplayName, cancellationToken);

    private static AccessLogItem Item(AccessLogEntry entry, Dictionary<string, string> names) =>
        new(entry.Id, entry.At, entry.StaffId, names.GetValueOrDefault(entry.StaffId), entry.UnitCode, entry.CaseId, entry.Action, entry.Purpose, entry.StatedPurpose);
}
