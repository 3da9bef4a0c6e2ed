using Npgsql;

namespace RemoteSupport.Web.Infrastructure.Jobs;

/// <summary>
/// Operator commands for the jobs, run with the published app: <c>jobs</c> lists them with their last run;
/// <c>run-job NAME</c> runs one now through the same runner (same lock: it waits for nobody and answers "busy"
/// when an instance is running it), <c>--if-due</c> only when it is due (for a cron line).
/// </summary>
public static class JobCommands
{
    /// <returns>0 succeeded or not due, 1 failed, 2 bad usage, 3 busy elsewhere.</returns>
    public static async Task<int> RunJobAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var jobs = services.GetServices<BackgroundJob>().ToList();
        var name = args.Count > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : null;
        var job = jobs.FirstOrDefault(j => j.Name == name);
        if (job is null)
        {
            await errors.WriteLineAsync($"Usage: run-job NAME [--if-due]; jobs: {string.Join(", ", jobs.Select(j => j.Name))}");
            return 2;
        }
        var result = await services.GetRequiredService<JobRunner>().RunAsync(job, force: !args.Contains("--if-due"), CancellationToken.None);
        switch (result.Outcome)
        {
            case JobOutcome.Succeeded:
                await output.WriteLineAsync($"{job.Name}: succeeded. {result.Summary}");
                return 0;
            case JobOutcome.NotDue:
                await output.WriteLineAsync($"{job.Name}: not due.");
                return 0;
            case JobOutcome.Busy:
                await errors.WriteLineAsync($"{job.Name}: running on another instance now; nothing done.");
                return 3;
            default:
                await errors.WriteLineAsync($"{job.Name}: failed ({result.Summary}); see the log.");
                return 1;
        }
    }

    public static async Task<int> ListAsync(IServiceProvider services, string connectionString, TextWriter output)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var job in services.GetServices<BackgroundJob>())
        {
            await using var command = new NpgsqlCommand(
                "SELECT \"LastOutcome\", \"LastStartedAt\", \"LastSucceededAt\", \"LastInstance\", \"LastSummary\" FROM \"JobRuns\" WHERE \"Name\" = @name", connection);
            command.Parameters.AddWithValue("name", job.Name);
            await using var reader = await command.ExecuteReaderAsync();
            await output.WriteLineAsync(await reader.ReadAsync()
                ? $"{job.Name}\t{reader[0]}\tstarted {reader[1]:u}\tsucceeded {reader[2]:u}\ton {reader[3]}\t{reader[4]}"
                : $"{job.Name}\tnever run");
        }
        return 0;
    }
}
