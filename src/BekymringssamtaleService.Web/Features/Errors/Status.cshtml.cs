using BekymringssamtaleService.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Errors;

/// <summary>What a user sees instead of a bare status code or a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Heading, Explanation) = code switch
        {
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
