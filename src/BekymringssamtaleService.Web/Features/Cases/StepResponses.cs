using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.AspNetCore.Mvc;

namespace BekymringssamtaleService.Web.Features.Cases;

/// <summary>How a step's result is answered over HTTP: RFC 7807 problem details for every refusal, in Norwegian.</summary>
public static class StepResponses
{
    public static IResult ToHttp(StepResult result, Func<StepResult.Done, IResult> done) => result switch
    {
        StepResult.Done ok => done(ok),
        StepResult.Invalid invalid => Results.ValidationProblem(
            invalid.Errors, title: "Noen felt er ikke gyldige. Ingenting er lagret.", statusCode: StatusCodes.Status400BadRequest),
        StepResult.Unreadable unreadable => Unreadable(unreadable.Errors),
        StepResult.NotInCase notInCase => Results.Problem(notInCase.Reason, statusCode: StatusCodes.Status404NotFound, title: notInCase.Title),
        StepResult.Forbidden forbidden => Results.Problem(forbidden.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Ikke tilgang"),
        StepResult.NotNow notNow => Results.Problem(notNow.Reason, statusCode: StatusCodes.Status409Conflict, title: "Ikke mulig nå"),
        StepResult.Conflict => Results.Problem(
            "Saken ble endret av noen andre samtidig. Hent saken på nytt og prøv igjen.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Samtidig endring"),
        _ => NotFound(),
    };

    /// <summary>
    /// A case that does not exist and a case the user may not see get this same answer, byte for byte. It is written
    /// directly rather than through the problem details service, which would add the request's trace id: an answer
    /// that differs on every request cannot be compared, and there is nothing in the logs to look up for it.
    /// </summary>
    public static IResult NotFound() => Results.Json(
        new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = "Fant ikke saken",
            Status = StatusCodes.Status404NotFound,
            Detail = "Saken finnes ikke, eller du har ikke tilgang til den.",
        },
        contentType: "application/problem+json",
        statusCode: StatusCodes.Status404NotFound);

    public static IResult BadBody<T>(JsonBody<T> body)
        where T : class =>
        Unreadable(body.Errors);

    private static IResult Unreadable(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "Forespørselen kan ikke leses. Ingenting er lagret.", statusCode: StatusCodes.Status400BadRequest);
}
