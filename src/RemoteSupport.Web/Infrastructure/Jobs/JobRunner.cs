using System.Diagnostics;
using Npgsql;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Infrastructure.Jobs;

public enum JobOutcome
{
    /// <summary>The job ran and finished.</summary>
    Succeeded,
    /// <summary>The job ran and threw; it stays due, the next offer tries again.</summary>
    Failed,
    /// <summary>The job had already run recently enough (on any instance): nothing done.</summary>
    NotDue,
    /// <summary>Another instance (or an operator's command) is running it now: nothing done.</summary>
    Busy,
}

public sealed record JobResult(JobOutcome Outcome, string? Summary);

/// <summary>
/// Settings of the job mechanism: <c>Jobs:Enabled</c> (default true), <c>Jobs:PollSeconds</c> (default 60),
/// <c>Jobs:StartDelaySeconds</c> (the first offer comes at a random moment up to this long after start, default 10).
/// </summary>
public sealed record JobOptions(string ConnectionString, bool Enabled, TimeSpan PollInterval, TimeSpan StartDelay);

/// <summary>
/// Runs a job on one instance at a time (ADR-0021): a session-level PostgreSQL advisory lock on the job's name, taken
/// without waiting on the primary; under it, the job's row in "JobRuns" says whether it is due, records the start, and
/// records the end. Several instances offering the same job at the same moment: one runs it, the others answer Busy;
/// just after, they answer NotDue because the row says it succeeded. An instance that dies mid-run loses its session
/// and so its lock: another instance takes the job at its next offer.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, TimeProvider clock, JobOptions options, ILogger<JobRunner> logger)
{
    /// <summary>First key of the advisory locks of jobs ("JB"); the second is hashtext(name).</summary>
    public const int LockClass = 0x4A42;

    /// <summary>Who ran a job: host name and process id (several instances may share a host).</summary>
    public static string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task<JobResult> RunAsync(BackgroundJob job, bool force, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        if (!await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@class, hashtext(@name))", job.Name, ct))
        {
            JobMetrics.Recorded(job.Name, JobOutcome.Busy, null);
            return new JobResult(JobOutcome.Busy, null);
        }
        try
        {
            var last = await LastSucceededAsync(connection, job.Name, ct);
            if (last is { } seen) JobMetrics.SucceededAt(job.Name, seen);
            var started = clock.GetUtcNow();
            if (!force && !job.IsDue(last, started)) return new JobResult(JobOutcome.NotDue, null);

            await ExecuteAsync(connection, """
                INSERT INTO "JobRuns" ("Name", "LastStartedAt", "LastOutcome", "LastInstance") VALUES (@name, @at, 'Running', @instance)
                ON CONFLICT ("Name") DO UPDATE SET "LastStartedAt" = excluded."LastStartedAt", "LastOutcome" = 'Running', "LastInstance" = excluded."LastInstance"
                """, job.Name, started, null, null, ct);

            var watch = Stopwatch.StartNew();
            try
            {
                string summary;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    scope.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem();
                    summary = await job.RunAsync(scope.ServiceProvider, ct);
                }
                var ended = clock.GetUtcNow();
                await ExecuteAsync(connection, """
                    UPDATE "JobRuns" SET "LastSucceededAt" = @at, "LastOutcome" = 'Succeeded', "LastDurationMs" = @ms, "LastSummary" = @summary
                    WHERE "Name" = @name
                    """, job.Name, ended, watch.ElapsedMilliseconds, Truncate(summary), CancellationToken.None);
                JobMetrics.Recorded(job.Name, JobOutcome.Succeeded, watch.Elapsed);
                JobMetrics.SucceededAt(job.Name, ended);
                logger.LogInformation("Job {Job} succeeded in {Elapsed} ms on {Instance}: {Summary}", job.Name, watch.ElapsedMilliseconds, Instance, summary);
                return new JobResult(JobOutcome.Succeeded, summary);
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                JobMetrics.Recorded(job.Name, JobOutcome.Failed, watch.Elapsed);
                logger.LogError(e, "Job {Job} failed after {Elapsed} ms on {Instance}", job.Name, watch.ElapsedMilliseconds, Instance);
                try
                {
                    await ExecuteAsync(connection, """
                        UPDATE "JobRuns" SET "LastFailedAt" = @at, "LastOutcome" = 'Failed', "LastDurationMs" = @ms, "LastSummary" = @summary
                        WHERE "Name" = @name
                        """, job.Name, clock.GetUtcNow(), watch.ElapsedMilliseconds, e.GetType().Name, CancellationToken.None);
                }
                catch (Exception bookkeeping) when (bookkeeping is NpgsqlException or InvalidOperationException)
                {
                    // The database went away with the job: the row still says Running, the next run overwrites it.
                }
                return new JobResult(JobOutcome.Failed, e.GetType().Name);
            }
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                try { await ScalarAsync<bool>(connection, "SELECT pg_advisory_unlock(@class, hashtext(@name))", job.Name, CancellationToken.None); }
                catch (NpgsqlException) { /* the session is gone, and its lock with it */ }
            }
        }
    }

    private static async Task<DateTimeOffset?> LastSucceededAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT \"LastSucceededAt\" FROM \"JobRuns\" WHERE \"Name\" = @name", connection);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    private static string? Truncate(string? text) => text is { Length: > 400 } ? text[..400] : text;

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("class", LockClass);
        command.Parameters.AddWithValue("name", name);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default! : (T)value;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string name, DateTimeOffset at, long? ms, string? summary, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("instance", Instance);
        command.Parameters.AddWithValue("ms", (object?)ms ?? DBNull.Value);
        command.Parameters.AddWithValue("summary", (object?)summary ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }
}
