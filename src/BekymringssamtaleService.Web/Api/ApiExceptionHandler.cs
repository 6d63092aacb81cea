using Microsoft.AspNetCore.Diagnostics;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// An unexpected error on the API is answered with a Norwegian ProblemDetails that carries the log reference, never a
/// stack trace; other requests fall through to the dashboard's error page.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // UseExceptionHandler("/status/500") has already rewritten Request.Path to the error page; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        if (!path.StartsWithSegments(ApiSetup.Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Noe gikk galt",
                Detail = $"Forespørselen ble ikke fullført. Feilen er logget med referansen {httpContext.TraceIdentifier}.",
            },
        });
    }
}
