using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Forms;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Cases.TakeStep;

/// <summary>The page of one step on a case (/saker/{id}/{slug}): the step's form, posted through the same pipeline as the API.</summary>
public sealed class IndexModel(IEnumerable<ICaseStep> steps, CaseSteps pipeline, CaseReader reader, CaseFormChoicesLoader choices) : PageModel
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

        if (Case.PermittedActions.All(action => action.Action != Step.Slug))
        {
            Refusal = "Dette steget kan ikke tas nå, i sakens nåværende steg eller med din rolle.";
        }

        Form = await FormAsync(null, new Dictionary<string, string[]>(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (FindStep(slug) is { } unknown)
        {
            return unknown;
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

    private async Task<CaseFormView> FormAsync(IFormCollection? posted, IReadOnlyDictionary<string, string[]> errors, CancellationToken cancellationToken) =>
        new(Step.Form, posted, errors, await choices.LoadAsync(Case, cancellationToken), Step.Title);

    private PageResult Refused(string reason, int status = StatusCodes.Status409Conflict)
    {
        Refusal = reason;
        Form = new CaseFormView(Step.Form, Request.Form, new Dictionary<string, string[]>(), CaseFormChoices.None, Step.Title);
        Response.StatusCode = status;
        return Page();
    }
}
