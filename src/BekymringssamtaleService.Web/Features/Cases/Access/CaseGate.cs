using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Access;

/// <summary>
/// The case as the gate found it, before anything of the request is looked at: where it stands, on which track, and
/// what a step's rules read from it. Only <see cref="CaseGate"/> makes one, for a user who may work with the case.
/// </summary>
public sealed record CaseAtHand(Guid Id, string UnitCode, string State, Track? Track, string? OffenceReference);

/// <summary>
/// The one gate in front of every read of and step on a case: role × unit, decided before the request's body is read
/// for errors or anything it names is looked up. A case in another unit and a case that does not exist get the same
/// answer; a role that reads no case content is refused whether the case exists or not, so neither answer tells.
/// </summary>
public sealed class CaseGate(ServiceDbContext db)
{
    public async Task<(CaseAccessDecision Decision, CaseAtHand? Case)> OpenAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        if (!CaseAccess.MayWorkWithCases(user))
        {
            return (CaseAccessDecision.Forbidden, null);
        }

        var found = await db.Cases
            .Where(c => c.Id == caseId)
            .Join(db.WorkflowInstances, c => c.Id, i => i.Id, (c, i) => new { c.UnitCode, c.OffenceReference, i.State, i.Data })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return (CaseAccessDecision.NotFound, null);
        }

        var decision = CaseAccess.ToCase(user, found.UnitCode);
        return decision != CaseAccessDecision.Allowed
            ? (decision, null)
            : (decision, new CaseAtHand(caseId, found.UnitCode, found.State, TrackNames.FromWireName(JsonNode.Parse(found.Data)?["track"]?.GetValue<string>()), found.OffenceReference));
    }
}
