using System.Security.Claims;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Coordination;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>
/// The radicalisation notes an officer writes in the mapping: stored in the coordination compartment (marked
/// FORTROLIG), never with the mapping. The officer cannot read them back; the case then awaits a Liaison's decision.
/// </summary>
public static class MappingNotes
{
    public static void Record(ServiceDbContext db, ClaimsPrincipal user, CaseAtHand atHand, string notes, DateTimeOffset at)
    {
        db.CoordinationEntries.Add(new CoordinationEntry
        {
            CaseId = atHand.Id,
            Kind = CoordinationEntryKind.MappingNote,
            OccurredOn = OsloTime.Today(at),
            Summary = notes,
            Classification = SecurityClassification.InConfidence,
            RecordedBy = user.StaffId(),
            RecordedAt = at,
        });
        AccessLog.Add(db, user, atHand.UnitCode, atHand.Id, "add-mapping-note", at, AccessPurpose.Coordination);
    }
}
