using BekymringssamtaleService.Web.Cases;

namespace BekymringssamtaleService.Web.Api;

/// <summary>How a step's result is answered over HTTP: RFC 7807 problem details for every refusal, in Norwegian.</summary>
public static class StepResponses
{
    public static IResult ToHttp(StepResult result, Func<StepResult.Done, IResult> done) => result switch
    {
        StepResult.Done ok => done(ok),
        StepResult.Invalid invalid => Results.ValidationProblem(
            invalid.Errors, title: "Noen felt er ikke gyldige. Ingenting er lagret.", statusCode: StatusCodes.Status400BadRequest),
        StepResult.Forbidden forbidden => Results.Problem(forbidden.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Ikke tilgang"),
        StepResult.NotNow notNow => Results.Problem(notNow.Reason, statusCode: StatusCodes.Status409Conflict, title: "Ikke mulig nå"),
        StepResult.Conflict => Results.Problem(
            "Saken ble endret av noen andre samtidig. Hent saken på nytt og prøv igjen.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Samtidig endring"),
        _ => NotFound(),
    };

    public static IResult NotFound() => Results.Problem("Saken finnes ikke, eller du har ikke tilgang til den.", statusCode: StatusCodes.Status404NotFound, title: "Fant ikke saken");

    public static IResult BadBody<T>(JsonBody<T> body)
        where T : class =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [body.ErrorField!] = [body.Error!] },
            title: "Forespørselen kan ikke leses. Ingenting er lagret.",
            statusCode: StatusCodes.Status400BadRequest);
}
