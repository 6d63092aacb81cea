using System.Globalization;
using BekymringssamtaleService.Web.Data;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// A request that failed because PostgreSQL could not be reached is answered 503 with Retry-After — a Norwegian
/// ProblemDetails on the API, the "try again" page elsewhere — not as an unexpected error. Runs before
/// <see cref="ApiExceptionHandler"/>.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(IProblemDetailsService problems, NpgsqlDataSource dataSource, ILogger<DatabaseUnavailableHandler> logger)
    : IExceptionHandler
{
    public const string Title = "Tjenesten er midlertidig utilgjengelig";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseOutage.Find(exception) is not { } failure)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.TraceIdentifier, DatabaseOutage.Code(failure));
        ForgetIdleConnections();
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)DatabaseOutage.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        // UseExceptionHandler has already rewritten Request.Path to the error page; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        if (!path.StartsWithSegments(ApiSetup.Prefix, StringComparison.Ordinal))
        {
            // The exception middleware goes on to render the status page at this path, with the status and header set here.
            httpContext.Request.Path = $"/status/{StatusCodes.Status503ServiceUnavailable}";
            return false;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = Title,
                Detail = $"Databasen svarer ikke akkurat nå – prøv igjen om litt. Referanse: {httpContext.TraceIdentifier}.",
            },
        });
    }

    /// <summary>
    /// Npgsql discards a broken connection and clears the pool it came from, but the other pools (the workflow engine
    /// has its own) still hold connections that died in the same restart. They are let go too, so no later request is
    /// handed one.
    /// </summary>
    private void ForgetIdleConnections()
    {
        NpgsqlConnection.ClearAllPools();
        dataSource.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database could not be reached, reference {Reference}, cause {Cause}")]
    private static partial void LogUnavailable(ILogger logger, string reference, string cause);
}
