using BekymringssamtaleService.Domain.Coordination;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>
/// All that a case's readers learn of the compartment: that it holds something, and which Liaison to ask (null: any
/// Liaison of the unit). No dates, counts, kinds or classifications.
/// </summary>
public sealed record RestrictedInformation(string? Liaison);

/// <summary>Whether a case has restricted information: it is flagged, or an officer's radicalisation notes await a Liaison.</summary>
public sealed class RestrictedNotice(ServiceDbContext db)
{
    public async Task<RestrictedInformation?> ForCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var decision = await db.CoordinationDecisions.AsNoTracking()
            .Where(d => d.CaseId == caseId)
            .Select(d => new { d.Outcome, d.LiaisonId, d.DecidedBy })
            .SingleOrDefaultAsync(cancellationToken);
        var flagged = decision?.Outcome == CoordinationOutcome.Flagged;
        if (!flagged && !await db.CoordinationEntries.AnyAsync(e => e.CaseId == caseId, cancellationToken))
        {
            return null;
        }

        // Flagged: the Liaison named in the flag; otherwise the Liaison who decided on the notes, if one has.
        var ask = flagged ? decision!.LiaisonId : decision?.DecidedBy;
        var name = ask is null ? null : await db.StaffMembers.Where(s => s.Id == ask).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return new RestrictedInformation(name);
    }
}
