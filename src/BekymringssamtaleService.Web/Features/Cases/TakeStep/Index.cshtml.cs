using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.Forms;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Cases.TakeStep;

/// <summary>
/// The page of one step on a case (/saker/{id}/{slug}): the step's form, posted through the same pipeline as the API. A
/// booking form also shows the free times of a day, and «Vis ledige tider» posts the form back to show another day's
/// (or those of other officers or another room) with nothing taken, so it works without script.
/// </summary>
public sealed class IndexModel(
    IEnumerable<ICaseStep> steps, CaseSteps pipeline, CaseReader reader, CaseFormChoicesLoader choices, FreeTimes freeTimes, TimeProvider time) : PageModel
{
    public ICaseStep Step { get; private set; } = null!;
    public CaseDetails Case { get; private set; } = null!;
    public CaseFormView Form { get; private set; } = null!;

    /// <summary>Why the step cannot be taken now (the case moved on, or someone else changed it first).</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (FindStep(slug) is { } unknown)
        {
            return unknown;
        }

        await ReadCaseAsync(cancellationToken);

        Refusal = NotPermittedNow();

        Form = await FormAsync(null, new Dictionary<string, string[]>(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (FindStep(slug) is { } unknown)
        {
            return unknown;
        }

        if (Request.Form.ContainsKey(ShowFreeTimes))
        {
            await ReadCaseAsync(cancellationToken);
            Refusal = NotPermittedNow();
            Form = await FormAsync(Request.Form, new Dictionary<string, string[]>(), cancellationToken);
            return Page();
        }

        var (request, formErrors) = CaseForm.Read(Step.Form, Request.Form, Step.RequestType);
        var posted = request is null ? PostedRequest.Unreadable(formErrors) : PostedRequest.Read(request);
        var atHand = HttpContext.CaseAtHand();
        var result = await pipeline.TakeAsync(Step, User, atHand, posted, cancellationToken);
        switch (result)
        {
            case StepResult.Done:
                TempData[ViewCase.IndexModel.NoticeKey] = $"{Step.Title}: registrert.";
                return Redirect($"/saker/{atHand.Id}");
            case StepResult.NotFound:
                return NotFound();
            case StepResult.Forbidden:
                return Forbid();
        }

        // The case is shown again, with the form or the refusal: that is a read of it.
        await ReadCaseAsync(cancellationToken);

        switch (result)
        {
            case StepResult.Invalid invalid:
                Form = await FormAsync(Request.Form, invalid.Errors, cancellationToken);
                return Page();
            case StepResult.Unreadable unreadable:
                Form = await FormAsync(Request.Form, unreadable.Errors, cancellationToken);
                return Page();
            case StepResult.NotNow notNow:
                return Refused(notNow.Reason);
            case StepResult.NotInCase notInCase:
                return Refused(notInCase.Reason, StatusCodes.Status404NotFound);
            default:
                return Refused("Saken ble endret av noen andre samtidig. Ingenting av dette er lagret: se saken på nytt og prøv igjen.");
        }
    }

    private string? NotPermittedNow() => Case.PermittedActions.All(action => action.Action != Step.Slug)
        ? "Dette steget kan ikke tas nå, i sakens nåværende steg eller med din rolle."
        : null;

    private NotFoundResult? FindStep(string slug)
    {
        var step = steps.FirstOrDefault(candidate => candidate.Slug == slug);
        if (step is null)
        {
            return NotFound();
        }

        Step = step;
        return null;
    }

    private async Task ReadCaseAsync(CancellationToken cancellationToken) =>
        Case = await reader.DetailsAsync(User, HttpContext.CaseAtHand(), cancellationToken);

    /// <summary>The name of the button that asks for the free times instead of taking the step.</summary>
    public const string ShowFreeTimes = "visLedigeTider";

    /// <summary>The date input of the free times (not part of the step's request).</summary>
    public const string FreeTimesDay = "ledigeTiderDato";

    private async Task<CaseFormView> FormAsync(IFormCollection? posted, IReadOnlyDictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var caseChoices = await choices.LoadAsync(Case, cancellationToken);
        var form = new CaseFormView(Step.Form, posted, errors, caseChoices, Step.Title);
        if (Step.Form.All(field => field.Kind != FieldKind.DateTime || field.Name != "meetingStart"))
        {
            return form;
        }

        // Whose free times: the officers ticked, else the one filling in the form (when an officer of the unit).
        var officers = form.Values("officerIds").Where(id => caseChoices.Officers.Any(choice => choice.Value == id)).ToList();
        if (officers.Count == 0 && caseChoices.Officers.Any(choice => choice.Value == User.StaffId()))
        {
            officers.Add(User.StaffId());
        }

        var room = caseChoices.Rooms.FirstOrDefault(choice => choice.Value == form.Value("roomId"));
        var interpreter = caseChoices.Interpreters.FirstOrDefault(choice => choice.Value == form.Value("interpreterId"));
        // Asked for a day's free times, that day; after a refused booking, the day of the time refused.
        var day = posted?.ContainsKey(ShowFreeTimes) == true
            ? FreeTimes.DayToShow(form.Value(FreeTimesDay), form.Value("meetingStart"), time.GetUtcNow())
            : FreeTimes.DayToShow(null, form.Value("meetingStart"), time.GetUtcNow());
        var parties = new MeetingParties(officers, room is null ? null : Guid.Parse(room.Value), interpreter is null ? null : Guid.Parse(interpreter.Value));
        var free = await freeTimes.OnAsync(Case.UnitCode, day, parties, cancellationToken);
        return form with
        {
            FreeTimes = free with
            {
                For = [.. caseChoices.Officers.Where(choice => officers.Contains(choice.Value)).Select(choice => choice.Label),
                    .. new[] { room, interpreter }.OfType<Choice>().Select(choice => choice.Label)],
            },
        };
    }

    private PageResult Refused(string reason, int status = StatusCodes.Status409Conflict)
    {
        Refusal = reason;
        Form = new CaseFormView(Step.Form, Request.Form, new Dictionary<string, string[]>(), CaseFormChoices.None, Step.Title);
        Response.StatusCode = status;
        return Page();
    }
}
