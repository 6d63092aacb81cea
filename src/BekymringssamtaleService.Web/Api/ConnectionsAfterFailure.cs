using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// After a request failed unexpectedly (a 500, on a page or the API), no connection it used is handed out again.
/// Npgsql discards a connection it knows to be broken, but a failure it did not see as one — an exception thrown while
/// a command's values were being written, say — could leave a connection with half a conversation in the pool, and the
/// next request on it would read answers meant for the failed one. By the time this runs the request's connections
/// (EF Core's pool and the workflow engine's) are back in their pools: clearing them closes the idle connections and
/// makes the busy ones close when returned. Runs first, and leaves the answer to the handlers after it.
/// </summary>
public sealed class ConnectionsAfterFailure(NpgsqlDataSource engineDatabase) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A request the framework refused (a form it could not read) or one the caller gave up on has not failed mid-statement.
        if (exception is not (OperationCanceledException or BadHttpRequestException))
        {
            NpgsqlConnection.ClearAllPools();
            engineDatabase.Clear();
        }

        return ValueTask.FromResult(false);
    }
}
