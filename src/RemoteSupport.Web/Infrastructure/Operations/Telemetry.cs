using OpenTelemetry.Metrics;
using RemoteSupport.Web.Infrastructure.Jobs;

namespace RemoteSupport.Web.Infrastructure.Operations;

/// <summary>
/// Metrics in the Prometheus exposition format on /metrics through OpenTelemetry (names in docs/operations.md):
/// ASP.NET Core's request metrics, Kestrel's connections, Npgsql's connection pool and commands, the jobs'.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddAppTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<OperationsAccess>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Npgsql", JobMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>/metrics for the operations networks only (<see cref="OperationsAccess"/>), without sign-in.</summary>
    public static WebApplication MapAppMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsAccessMiddleware.Path).AllowAnonymous();
        return app;
    }
}
