using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace RemoteSupport.Web.Infrastructure.Operations;

/// <summary>
/// A database that is briefly unavailable — stopped, failing over, or a pooled connection still open on a former
/// primary — is answered with 503 and <c>Retry-After</c> (the French error page), not 500: the request may be sent
/// again in a few seconds. Nothing was acknowledged, so nothing acknowledged is lost (ADR-0020).
/// </summary>
public static class DatabaseFailures
{
    public const int RetryAfterSeconds = 5;

    /// <summary>SQLSTATEs a failover produces: admin shutdown / crash shutdown / cannot connect now, and a write sent to a node that became a standby.</summary>
    private static readonly HashSet<string> FailoverStates = ["57P01", "57P02", "57P03", "25006", "08000", "08003", "08006", "08001", "08004"];

    /// <summary>
    /// The one definition of "the database is unavailable" (the error page, the session check and the exception
    /// handler's status all ask it): stopped, failing over, unreachable, out of connections.
    /// </summary>
    public static bool IsTransient(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
                return FailoverStates.Contains(pg.SqlState) || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState == PostgresErrorCodes.TooManyConnections || pg.IsTransient;
            if (e is System.Net.Sockets.SocketException or TimeoutException) return true;
            // Any other Npgsql error is the client's side of the link: refused, reset, timed out, "no suitable host"
            // (the multi-host connection string found no primary yet, during a promotion).
            if (e is NpgsqlException) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient)) return true;
        }
        return false;
    }

    /// <summary>For <c>ExceptionHandlerOptions.StatusCodeSelector</c>.</summary>
    public static int StatusCodeFor(Exception error) =>
        IsTransient(error) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
}

/// <summary>Adds <c>Retry-After</c> to the 503 of a transient database failure, then lets the error page render.</summary>
public sealed class DatabaseOutageExceptionHandler(ILogger<DatabaseOutageExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseFailures.IsTransient(exception))
        {
            httpContext.Response.Headers.RetryAfter = DatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            logger.LogWarning("Database unavailable ({Error}) for {Method} {Path}: answered 503", exception.GetType().Name,
                httpContext.Request.Method, httpContext.Request.Path);
        }
        return ValueTask.FromResult(false);
    }
}
