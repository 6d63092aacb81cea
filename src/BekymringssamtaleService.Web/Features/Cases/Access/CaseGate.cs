using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Access;

/// <summary>
/// The case as the gate found it, before anything of the request is looked at: where it stands, on which track, and
/// what a step's rules read from it. Only <see cref="CaseGate"/> makes one, for a user who may read the case; the
/// handlers take it from <see cref="CaseScope.CaseAtHand"/>.
/// </summary>
public sealed record CaseAtHand(Guid Id, string UnitCode, string State, Track? Track, string? OffenceReference);

/// <summary>
/// Finds the case a request is about for a user who may read it, by role × unit; a blocked case (sperret) for nobody.
/// A case in another unit, a blocked case and a case that does not exist are all "none", so no answer tells them apart.
/// </summary>
public sealed class CaseGate(ServiceDbContext db)
{
    public async Task<CaseAtHand?> OpenAsync(ClaimsPrincipal user, Guid caseId, IReadOnlyCollection<Role> readers, CancellationToken cancellationToken)
    {
        if (!user.Roles().Any(readers.Contains))
        {
            return null;
        }

        var found = await FindAsync(caseId, blocked: false, cancellationToken);
        return found is not null && CaseAccess.ToCase(user.Roles(), user.UnitCodes(), found.UnitCode, readers) == CaseAccessDecision.Allowed ? found : null;
    }

    /// <summary>The case of a task, as <see cref="OpenAsync"/> finds it: a task is read as part of its case.</summary>
    public async Task<CaseAtHand?> OpenByTaskAsync(ClaimsPrincipal user, Guid taskId, IReadOnlyCollection<Role> readers, CancellationToken cancellationToken)
    {
        var caseId = await db.WorkflowTasks.Where(t => t.Id == taskId).Select(t => (Guid?)t.InstanceId).SingleOrDefaultAsync(cancellationToken);
        return caseId is null ? null : await OpenAsync(user, caseId.Value, readers, cancellationToken);
    }

    /// <summary>A blocked case, for an Admin of its unit who is to state why they read it; null for any other case or user.</summary>
    public async Task<CaseAtHand?> OpenBlockedForReviewAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        if (!user.Roles().Contains(Role.Admin))
        {
            return null;
        }

        var found = await FindAsync(caseId, blocked: true, cancellationToken);
        return found is not null && CaseAccess.MayReviewBlockedCase(user, found.UnitCode) ? found : null;
    }

    private async Task<CaseAtHand?> FindAsync(Guid caseId, bool blocked, CancellationToken cancellationToken)
    {
        var found = await db.Cases
            .Where(c => c.Id == caseId && (c.BlockedAt != null) == blocked)
            .Join(db.WorkflowInstances, c => c.Id, i => i.Id, (c, i) => new { c.UnitCode, c.OffenceReference, i.State, i.Data })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new CaseAtHand(caseId, found.UnitCode, found.State, TrackNames.FromWireName(JsonNode.Parse(found.Data)?["track"]?.GetValue<string>()), found.OffenceReference);
    }
}
