using Microsoft.AspNetCore.Diagnostics;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// An unexpected error on the API is answered with a Norwegian ProblemDetails that carries the log reference, never a
/// stack trace; other requests fall through to the dashboard's error page.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // UseExceptionHandler("/status/500") has already rewritten Request.Path to the error page; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        if (!path.StartsWithSegments(ApiSetup.Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // The exception middleware does not log what a handler handles: the reference given to the caller must lead somewhere.
        LogUnexpected(logger, exception, httpContext.TraceIdentifier);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error on the API, reference {Reference}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string reference);
}
