using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// Rides out a short outage (PostgreSQL restarting, a connection that died in the pool) for the host's own
/// <see cref="ServiceDbContext"/>: a query is tried again after a connection failure, for about two seconds; not after
/// a timeout (the connect timeout, Npgsql's 15 s unless the connection string says otherwise, is spent already). A save is
/// tried again only when the failure proves it had no effect (PostgreSQL answered with an error, or no connection
/// could be made); when the connection broke while its answer was awaited, the rows may have been written, and the
/// failure is passed on. Steps never come here: their contexts run on the workflow transaction's connection, with no
/// execution strategy, because a retrying strategy refuses to run inside a transaction it did not start.
/// </summary>
public sealed class OutageRetries(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, MaxRetries, MaxDelay)
{
    // EF waits 0 s, then about 1 s before each further attempt.
    private const int MaxRetries = 3;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    protected override bool ShouldRetryOn(Exception exception) =>
        DatabaseOutage.IsOutage(exception) && !DatabaseOutage.TimedOut(exception) && (DatabaseOutage.HadNoEffect(exception) || !Saving);

    // A failed save leaves its entries pending. A query made while entries are pending is treated like a save; the
    // host's reads add their access-log row after reading, so they do not.
    private bool Saving => Dependencies.CurrentContext.Context.ChangeTracker.HasChanges();
}
