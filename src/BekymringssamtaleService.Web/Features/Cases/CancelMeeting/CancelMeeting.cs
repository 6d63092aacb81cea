using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.PauseResume;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.CancelMeeting;

/// <summary>
/// Cancels the booked conversation: cancellation letters with a calendar CANCEL. A first conversation leaves the case
/// ready to invite again; a follow-up conversation leaves it in follow-up, to be booked again or closed.
/// </summary>
public sealed class CancelMeeting() : ReasonedStep("CancelMeeting")
{
    public override string Slug => "cancel";
    public override string Title => "Avlys samtalen";
    public override StepWeight Weight => StepWeight.Beside;
    public override IReadOnlyList<string> Triggers => ["CancelMeeting", "CancelFollowUp"];

    protected override string TriggerFor(CaseAtHand atHand) => atHand.State == CaseWorkflow.FollowUpBooked ? "CancelFollowUp" : "CancelMeeting";

    protected override Task AlsoAsync(ServiceDbContext db, TransitionScope scope, Guid caseId, CancellationToken cancellationToken) =>
        Meetings.CancelBookedAsync(db, caseId, cancellationToken);
}
