using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RemoteSupport.Web.Data.Priorities;
using RemoteSupport.Web.Infrastructure.Jobs;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Operations;

/// <summary>A job that counts its runs and, when asked, waits inside its run until released.</summary>
public sealed class CountingJob(string name) : BackgroundJob
{
    private int _runs;
    public int Runs => _runs;
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource? Hold { get; init; }
    public Exception? Throws { get; init; }
    public override string Name => name;
    public override bool IsDue(DateTimeOffset? lastSucceededAt, DateTimeOffset now) => JobSchedule.Every(TimeSpan.FromHours(1), lastSucceededAt, now);

    public override async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        Interlocked.Increment(ref _runs);
        Entered.TrySetResult();
        if (Hold is not null) await Hold.Task.WaitAsync(ct);
        if (Throws is not null) throw Throws;
        return $"run {Runs}";
    }
}

/// <summary>Registered in the two instances of the scheduler test: one counter for both.</summary>
public sealed class SharedCountingJob : BackgroundJob
{
    private static int _runs;
    public static int Runs { get => _runs; set => _runs = value; }
    public override string Name => "test-shared";
    public override bool IsDue(DateTimeOffset? lastSucceededAt, DateTimeOffset now) => JobSchedule.Every(TimeSpan.FromHours(1), lastSucceededAt, now);

    public override async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        Interlocked.Increment(ref _runs);
        await Task.Delay(300, ct); // long enough for the other instance to knock while it runs
        return "counted";
    }
}

public sealed class JobTests(AppFactory factory) : WebTest(factory)
{
    private JobRunner Runner => Factory.Services.GetRequiredService<JobRunner>();

    private Task<JobRun?> RowAsync(string name) =>
        Factory.WithDbAsync(db => db.Set<JobRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Name == name));

    [Fact]
    public async Task A_job_runs_on_one_runner_at_a_time_then_not_again_until_due()
    {
        var job = new CountingJob("test-gate") { Hold = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        var first = Runner.RunAsync(job, force: false, CancellationToken.None);
        await job.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("Running", (await RowAsync("test-gate"))!.LastOutcome);
        // A second instance offered the same job meanwhile: it does nothing.
        Assert.Equal(JobOutcome.Busy, (await Runner.RunAsync(job, force: false, CancellationToken.None)).Outcome);

        job.Hold!.SetResult();
        Assert.Equal(new JobResult(JobOutcome.Succeeded, "run 1"), await first);
        Assert.Equal(JobOutcome.NotDue, (await Runner.RunAsync(job, force: false, CancellationToken.None)).Outcome);
        Assert.Equal(1, job.Runs);

        var row = await RowAsync("test-gate");
        Assert.Equal("Succeeded", row!.LastOutcome);
        Assert.Equal(JobRunner.Instance, row.LastInstance);
        Assert.Equal(TestClock.Start, row.LastSucceededAt);
        Assert.Equal("run 1", row.LastSummary);

        Factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(JobOutcome.Succeeded, (await Runner.RunAsync(job, force: false, CancellationToken.None)).Outcome);
        Assert.Equal(2, job.Runs);
    }

    [Fact]
    public async Task A_failed_run_is_recorded_and_the_job_stays_due()
    {
        var job = new CountingJob("test-failing") { Throws = new InvalidOperationException("boom") };
        Assert.Equal(new JobResult(JobOutcome.Failed, "InvalidOperationException"), await Runner.RunAsync(job, force: false, CancellationToken.None));
        var row = await RowAsync("test-failing");
        Assert.Equal("Failed", row!.LastOutcome);
        Assert.Null(row.LastSucceededAt);
        Assert.Equal(TestClock.Start, row.LastFailedAt);

        Assert.Equal(JobOutcome.Failed, (await Runner.RunAsync(job, force: false, CancellationToken.None)).Outcome);
        Assert.Equal(2, job.Runs);
    }

    [Fact]
    public async Task Two_instances_with_their_schedulers_run_a_job_once()
    {
        SharedCountingJob.Runs = 0;
        (string, string)[] settings = [("Jobs:Enabled", "true"), ("Jobs:PollSeconds", "1"), ("Jobs:StartDelaySeconds", "1")];
        await using var one = Factory.WithWebHostBuilder(b => { foreach (var (k, v) in settings) b.UseSetting(k, v); b.ConfigureServices(s => s.AddJob<SharedCountingJob>()); });
        await using var two = Factory.WithWebHostBuilder(b => { foreach (var (k, v) in settings) b.UseSetting(k, v); b.ConfigureServices(s => s.AddJob<SharedCountingJob>()); });
        _ = one.Services; // starts the host, and its scheduler
        _ = two.Services;

        JobRun? row = null;
        for (var i = 0; i < 60 && row?.LastOutcome != "Succeeded"; i++)
        {
            await Task.Delay(250);
            row = await RowAsync("test-shared");
        }
        Assert.Equal("Succeeded", row?.LastOutcome);
        await Task.Delay(2_500); // both schedulers offer it twice more: not due
        Assert.Equal(1, SharedCountingJob.Runs);
    }

    [Fact]
    public async Task The_priority_refresh_job_recomputes_the_day_s_priorities_once_a_day()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await Factory.WithDbAsync(db => db.PersonPriorities.Where(p => p.PersonId == person.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsStale, true)));
        var job = Factory.Services.GetServices<BackgroundJob>().OfType<PriorityRefreshJob>().Single();

        var result = await Runner.RunAsync(job, force: false, CancellationToken.None);
        Assert.Equal(JobOutcome.Succeeded, result.Outcome);
        Assert.Equal("2 departments, 1 priorities recomputed", result.Summary);
        Assert.False(await Factory.WithDbAsync(db => db.PersonPriorities.Where(p => p.PersonId == person.Id).Select(p => p.IsStale).SingleAsync()));

        Factory.Clock.Advance(TimeSpan.FromHours(12)); // 21:00 in Paris: same day
        Assert.Equal(JobOutcome.NotDue, (await Runner.RunAsync(job, force: false, CancellationToken.None)).Outcome);
        Factory.Clock.Advance(TimeSpan.FromHours(3)); // past midnight in Paris
        var nextDay = await Runner.RunAsync(job, force: false, CancellationToken.None);
        Assert.Equal(new JobResult(JobOutcome.Succeeded, "2 departments, 1 priorities recomputed"), nextDay);
    }

    [Fact]
    public async Task The_run_job_command_runs_a_job_now_and_says_when_another_instance_holds_it()
    {
        async Task<(int, string, string)> Run(params string[] args)
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            var code = await Factory.WithServicesAsync(s => JobCommands.RunJobAsync(s, ["run-job", .. args], output, errors));
            return (code, output.ToString(), errors.ToString());
        }

        var (code, output, _) = await Run("priority-refresh");
        Assert.Equal(0, code);
        Assert.StartsWith("priority-refresh: succeeded. 2 departments", output, StringComparison.Ordinal);
        (code, output, _) = await Run("priority-refresh", "--if-due");
        Assert.Equal((0, "priority-refresh: not due."), (code, output.Trim()));

        var (unknown, _, usage) = await Run("nope");
        Assert.Equal(2, unknown);
        Assert.Contains("priority-refresh", usage);

        await using var holder = new NpgsqlConnection(Factory.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({JobRunner.LockClass}, hashtext('priority-refresh'))", holder))
            await take.ExecuteNonQueryAsync();
        var (busy, _, said) = await Run("priority-refresh");
        Assert.Equal(3, busy);
        Assert.Contains("running on another instance", said);
    }
}
