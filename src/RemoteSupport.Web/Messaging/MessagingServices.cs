using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Http.Resilience;
using RemoteSupport.Web.Authorization;

namespace RemoteSupport.Web.Messaging;

public static class MessagingServices
{
    /// <summary>The outbox, its sender, the providers and the pages' planner (issue 13, ADR-0018).</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MessagingOptions>(configuration.GetSection(MessagingOptions.Section));
        services.AddScoped<MessageComposer>();
        services.AddScoped<MessagePlanner>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<SmsEmailGatewayTransport>();
        services.AddSingleton<MessageTransports>();
        services.AddSingleton<OutboxSender>();
        // The HTTP provider: a short timeout per try, a few quick retries on 5xx and network errors, a circuit breaker.
        // What is still failing after that is a temporary failure, retried by the outbox later with back-off.
        services.AddHttpClient<HttpSmsTransport>(HttpSmsTransport.ClientName)
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(20);
            });
        services.AddSingleton<HttpSmsTransport>(sp => ActivatorUtilities.CreateInstance<HttpSmsTransport>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpSmsTransport.ClientName)));
        if (configuration.GetValue($"{MessagingOptions.Section}:Sender:Enabled", true))
            services.AddHostedService<OutboxSenderService>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Messages", Policies.FollowPersons));
        return services;
    }
}
