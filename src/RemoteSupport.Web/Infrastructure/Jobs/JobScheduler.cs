namespace RemoteSupport.Web.Infrastructure.Jobs;

/// <summary>
/// On every instance: offers each registered job to <see cref="JobRunner"/> shortly after start, then every
/// <c>Jobs:PollSeconds</c>. Offering is cheap (one lock attempt and one row read); the runner decides whether the job
/// runs. A database outage only skips an offer: the next one tries again.
/// </summary>
public sealed class JobScheduler(IEnumerable<BackgroundJob> jobs, JobRunner runner, JobOptions options, ILogger<JobScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        var registered = jobs.ToList();
        if (registered.Count == 0) return;
        try
        {
            // Instances started together do not all knock at the same second.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)options.StartDelay.TotalMilliseconds)), stoppingToken);
            using var timer = new PeriodicTimer(options.PollInterval);
            do
            {
                foreach (var job in registered) await OfferAsync(job, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task OfferAsync(BackgroundJob job, CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(job, force: false, stoppingToken);
        }
        catch (Exception e) when (!(e is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            logger.LogWarning("Job {Job} could not be offered ({Error}); next try in {Seconds} s", job.Name, e.GetType().Name, options.PollInterval.TotalSeconds);
        }
    }
}
