using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.PauseResume;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.CancelCase;

/// <summary>
/// Ends the case from any open step, with a reason; a booked meeting is cancelled and the family told. It cannot be
/// undone, so the page asks the officer to confirm before anything is saved.
/// </summary>
public sealed class CancelCase() : ReasonedStep("Cancel")
{
    public override string Slug => "cancel-case";
    public override string Title => "Avbryt saken";
    public override StepWeight Weight => StepWeight.Dangerous;

    public override IReadOnlyList<FormField> Form =>
    [
        .. base.Form,
        new("confirmed", "Jeg bekrefter at saken skal avbrytes", FieldKind.Confirm,
            Hint: "Saken avsluttes og kan ikke tas opp igjen. En avtalt samtale avlyses, og familien får brev om det."),
    ];

    protected override Task AlsoAsync(ServiceDbContext db, TransitionScope scope, Guid caseId, CancellationToken cancellationToken) =>
        Meetings.CancelBookedAsync(db, caseId, cancellationToken);
}
