using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Errors;

/// <summary>What a user sees instead of a bare status code or a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[OutsideCaseScope("Feilsidene viser bare en statuskode og en referanse, aldri saksinnhold.")]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(Status(code));

    public void OnPost(int code) => Describe(Status(code));

    /// <summary>
    /// The status being answered: the exception handler shows this page at /status/500 also for the errors it answers
    /// otherwise (400 for a form the framework could not read); a page asked for directly answers its own code.
    /// </summary>
    private int Status(int code) => Response.StatusCode >= StatusCodes.Status400BadRequest ? Response.StatusCode : code;

    private void Describe(int code)
    {
        (Heading, Explanation) = code switch
        {
            // A form the framework could not read (a NUL, an expired form): the page's handler never saw it.
            StatusCodes.Status400BadRequest => ("Skjemaet kunne ikke leses",
                "Det som ble sendt, kunne ikke leses – for eksempel fordi en tekst hadde et kontrolltegn, eller fordi skjemaet var utløpt. Ingenting er lagret. Gå tilbake, rett teksten og send skjemaet på nytt."),
            StatusCodes.Status403Forbidden => ("Ingen tilgang",
                "Du har ikke tilgang til denne siden. Kontakt systemforvalteren hvis du mener at du skal ha tilgang."),
            StatusCodes.Status404NotFound => ("Fant ikke siden",
                "Siden finnes ikke, eller lenken er ikke lenger i bruk."),
            StatusCodes.Status503ServiceUnavailable => (DatabaseUnavailableHandler.Title,
                $"{DatabaseUnavailableHandler.Title} – prøv igjen om litt. Referanse: {HttpContext.TraceIdentifier}."),
            _ => ("Noe gikk galt",
                $"Vi klarte ikke å fullføre forespørselen. Feilen er logget med referansen {HttpContext.TraceIdentifier}. Prøv igjen om litt."),
        };
    }
}
