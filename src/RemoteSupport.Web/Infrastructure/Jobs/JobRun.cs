namespace RemoteSupport.Web.Infrastructure.Jobs;

/// <summary>
/// The last run of a background job, shared by every instance: what makes a job due (<see cref="BackgroundJob.IsDue"/>)
/// and what an operator reads (<c>jobs</c> command). Technical data, no department, no personal data.
/// </summary>
public sealed class JobRun
{
    public const int NameMaxLength = 64;

    public string Name { get; set; } = "";
    public DateTimeOffset? LastStartedAt { get; set; }
    public DateTimeOffset? LastSucceededAt { get; set; }
    public DateTimeOffset? LastFailedAt { get; set; }
    /// <summary>"Running", "Succeeded" or "Failed".</summary>
    public string? LastOutcome { get; set; }
    /// <summary>Host name and process id of the instance that ran it last.</summary>
    public string? LastInstance { get; set; }
    public long? LastDurationMs { get; set; }
    /// <summary>The job's own one-line summary (counts, ids), or the exception's type on failure.</summary>
    public string? LastSummary { get; set; }
}
