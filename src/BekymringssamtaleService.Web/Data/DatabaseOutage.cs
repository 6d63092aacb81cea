using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

/// <summary>
/// The one test for "PostgreSQL cannot be reached or the connection to it broke": the request did not fail because of
/// what it asked for, and may succeed if tried again in a moment. Used by the 503 answers and by the read retries.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>What a 503 tells the caller to wait: about as long as PostgreSQL takes to restart.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // Only the wrappers data access puts around its errors are looked through. A failure wrapped by something else
    // (a job client, a mail sender) happened somewhere that has its own answer.
    private const int WrapperDepth = 4;

    /// <summary>The failure that shows the database is unreachable, if there is one: the exception or one it wraps.</summary>
    public static NpgsqlException? Find(Exception exception) => Find(exception, WrapperDepth);

    public static bool IsOutage(Exception exception) => Find(exception) is not null;

    /// <summary>
    /// The failure itself proves the statement had no effect: PostgreSQL answered it with an error (an error answer to
    /// COMMIT means it did not commit), or no connection could be made. When the connection broke while the answer was
    /// awaited, the statement may or may not have taken effect.
    /// </summary>
    public static bool HadNoEffect(Exception exception) => Find(exception) switch
    {
        PostgresException => true,
        { InnerException: SocketException socket } => socket.SocketErrorCode is
            SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain,
        _ => false,
    };

    /// <summary>The connection or the statement ran out of time: the wait has been spent already, and waiting again doubles it.</summary>
    public static bool TimedOut(Exception exception) => Find(exception) is { InnerException: TimeoutException };

    /// <summary>A code for the logs: the SQLSTATE, or the kind of network error — never a message, which may quote data.</summary>
    public static string Code(NpgsqlException failure) => failure switch
    {
        PostgresException postgres => postgres.SqlState,
        { InnerException: SocketException socket } => $"socket:{socket.SocketErrorCode}",
        { InnerException: { } inner } => inner.GetType().Name,
        _ => nameof(NpgsqlException),
    };

    private static NpgsqlException? Find(Exception? exception, int depth) => exception switch
    {
        null => null,
        PostgresException postgres => IsConnectionFailure(postgres.SqlState) ? postgres : null,
        NpgsqlException { InnerException: PostgresException postgres } => Find(postgres, depth),
        NpgsqlException { IsTransient: true } npgsql => npgsql,
        AggregateException aggregate when depth > 0 => aggregate.InnerExceptions.Select(inner => Find(inner, depth - 1)).FirstOrDefault(found => found is not null),
        DbUpdateException or RetryLimitExceededException or InvalidOperationException when depth > 0 => Find(exception.InnerException, depth - 1),
        _ => null,
    };

    /// <summary>
    /// Class 08 (connection exception), the server shutting down or restarting (57P01–57P03) and a full server (53300).
    /// Serialization failures and deadlocks are transient too, but they are about the request, not the database's reach.
    /// </summary>
    private static bool IsConnectionFailure(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;
}
