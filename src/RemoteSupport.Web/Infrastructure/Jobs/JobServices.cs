namespace RemoteSupport.Web.Infrastructure.Jobs;

public static class JobServices
{
    /// <summary>The runner and the scheduler; jobs are added one by one with <see cref="AddJob{TJob}"/>.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        var poll = Math.Clamp(configuration.GetValue("Jobs:PollSeconds", 60), 1, 3600);
        var delay = Math.Clamp(configuration.GetValue("Jobs:StartDelaySeconds", 10), 1, 600);
        services.AddSingleton(new JobOptions(connectionString, configuration.GetValue("Jobs:Enabled", true), TimeSpan.FromSeconds(poll), TimeSpan.FromSeconds(delay)));
        services.AddSingleton<JobRunner>();
        services.AddHostedService<JobScheduler>();
        return services;
    }

    /// <summary>One line per job: <c>services.AddJob&lt;MyJob&gt;();</c></summary>
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services) where TJob : BackgroundJob
    {
        services.AddSingleton<TJob>();
        services.AddSingleton<BackgroundJob>(sp => sp.GetRequiredService<TJob>());
        return services;
    }
}
