using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.PauseResume;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.CancelMeeting;

/// <summary>Cancels the booked conversation: cancellation letters with a calendar CANCEL; the case is ready to invite again.</summary>
public sealed class CancelMeeting() : ReasonedStep("CancelMeeting")
{
    public override string Slug => "cancel";
    public override string Title => "Avlys samtalen";

    protected override Task AlsoAsync(ServiceDbContext db, TransitionScope scope, Guid caseId, CancellationToken cancellationToken) =>
        Meetings.CancelBookedAsync(db, caseId, cancellationToken);
}
