namespace RemoteSupport.Web.Infrastructure.Jobs;

/// <summary>
/// One kind of background work that must run on one instance at a time, and run at all even when an instance is down
/// (docs/decisions/ADR-0021-single-runner-jobs.md). A job is one class: derive from this, register it with
/// <see cref="JobServices.AddJob{TJob}"/>, and every instance's <see cref="JobScheduler"/> offers it to
/// <see cref="JobRunner"/> once a minute; the operator can also run it with <c>dotnet RemoteSupport.Web.dll run-job NAME</c>.
/// </summary>
/// <remarks>
/// A run is normally alone (a PostgreSQL advisory lock), but a failover can end the lock's session while the run
/// goes on: the work must be safe to repeat (idempotent), as a rerun after a crash would be anyway.
/// </remarks>
public abstract class BackgroundJob
{
    /// <summary>Stable, kebab-case: the lock key, the row in "JobRuns", the metric label and the command's argument.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the work is due now, given when it last succeeded on any instance (null: never).</summary>
    public abstract bool IsDue(DateTimeOffset? lastSucceededAt, DateTimeOffset now);

    /// <summary>
    /// The work, in its own scope whose <c>AppDbContext</c> is already <c>AsSystem()</c>. Returns a one-line summary
    /// for the log and the operator: counts and ids only, never personal data.
    /// </summary>
    public abstract Task<string> RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>Ready-made answers to <see cref="BackgroundJob.IsDue"/>.</summary>
public static class JobSchedule
{
    /// <summary>Due when the last success is at least <paramref name="interval"/> old.</summary>
    public static bool Every(TimeSpan interval, DateTimeOffset? lastSucceededAt, DateTimeOffset now) =>
        lastSucceededAt is not { } last || now - last >= interval;

    /// <summary>Due once per calendar day in France: when the last success was on an earlier day (Europe/Paris).</summary>
    public static bool DailyInFrance(DateTimeOffset? lastSucceededAt, DateTimeOffset now) =>
        lastSucceededAt is not { } last
        || DateOnly.FromDateTime(FrenchTime.ToLocal(last)) < DateOnly.FromDateTime(FrenchTime.ToLocal(now));
}
