using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RemoteSupport.Web.Infrastructure.Jobs;

/// <summary>
/// Background-job metrics (meter "RemoteSupport.Jobs", exported on /metrics; names in docs/operations.md):
/// runs by job and outcome, run durations, and the time of the last success this instance knows of.
/// </summary>
public static class JobMetrics
{
    public const string MeterName = "RemoteSupport.Jobs";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("remotesupport.jobs.runs", "{run}",
        "Job runs by outcome: succeeded, failed, busy (another instance held the job).");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram("remotesupport.jobs.duration", "s",
        "Duration of the job runs this instance made.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600] });
    private static readonly ConcurrentDictionary<string, long> LastSuccess = new();

    static JobMetrics()
    {
        Meter.CreateObservableGauge("remotesupport.jobs.last_success", () => LastSuccess.Select(kv =>
                new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("job", kv.Key))),
            "s", "Unix time of the job's last success (any instance) as last seen by this instance.");
    }

    internal static void Recorded(string job, JobOutcome outcome, TimeSpan? elapsed)
    {
        var tags = new TagList { { "job", job }, { "outcome", outcome.ToString().ToLowerInvariant() } };
        Runs.Add(1, tags);
        if (elapsed is { } e) Duration.Record(e.TotalSeconds, tags);
    }

    internal static void SucceededAt(string job, DateTimeOffset at) =>
        LastSuccess.AddOrUpdate(job, at.ToUnixTimeSeconds(), (_, known) => Math.Max(known, at.ToUnixTimeSeconds()));
}
