using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.PauseResume;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.CancelCase;

/// <summary>Ends the case from any open step, with a reason; a booked meeting is cancelled and the family told.</summary>
public sealed class CancelCase() : ReasonedStep("Cancel")
{
    public override string Slug => "cancel-case";
    public override string Title => "Avbryt saken";

    protected override Task AlsoAsync(ServiceDbContext db, TransitionScope scope, Guid caseId, CancellationToken cancellationToken) =>
        Meetings.CancelBookedAsync(db, caseId, cancellationToken);
}
