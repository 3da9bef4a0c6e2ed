using Npgsql;
using RemoteSupport.Web.Infrastructure.Operations;

namespace RemoteSupport.Web.Tests.Operations;

/// <summary>Which failures are a database failing over (503, try again) and which are bugs (500).</summary>
public sealed class DatabaseFailuresTests
{
    [Fact]
    public void Failover_failures_are_transient()
    {
        // What the drill saw while the primary was stopped and the standby not yet promoted.
        Assert.True(DatabaseFailures.IsTransient(new NpgsqlException("No suitable host was found.")));
        Assert.True(DatabaseFailures.IsTransient(new InvalidOperationException("wrapped",
            new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)))));
        Assert.True(DatabaseFailures.IsTransient(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        // A pooled connection still open on a former primary that came back as a standby.
        Assert.True(DatabaseFailures.IsTransient(new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006")));
    }

    [Fact]
    public void Bugs_and_data_errors_are_not()
    {
        Assert.False(DatabaseFailures.IsTransient(new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseFailures.IsTransient(new PostgresException("syntax error", "ERROR", "ERROR", "42601")));
        Assert.False(DatabaseFailures.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(DatabaseFailures.IsTransient(null));
        Assert.Equal(500, DatabaseFailures.StatusCodeFor(new ArgumentException("a bug")));
        Assert.Equal(503, DatabaseFailures.StatusCodeFor(new NpgsqlException("No suitable host was found.")));
    }
}
