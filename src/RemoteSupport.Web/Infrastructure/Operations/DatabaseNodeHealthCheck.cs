using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Infrastructure.Operations;

/// <summary>
/// Readiness: the instance can reach a database node it may write to, and says which one (address:port as the server
/// sees itself, and its role). With a multi-host connection string (ADR-0020) the node changes after a failover:
/// readiness shows the instance followed the new primary.
/// </summary>
public sealed class DatabaseNodeHealthCheck(IDbContextFactory<AppDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(host(inet_server_addr()), 'socket'), coalesce(inet_server_port(), 0), pg_is_in_recovery()";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var node = $"{reader.GetString(0)}:{reader.GetInt32(1)}";
            var standby = reader.GetBoolean(2);
            var data = new Dictionary<string, object> { ["node"] = node, ["role"] = standby ? "standby" : "primary" };
            // A standby cannot take the app's writes: not ready (the connection string asks for the primary).
            return standby
                ? HealthCheckResult.Unhealthy("Connected to a standby", data: data)
                : HealthCheckResult.Healthy("Connected to the primary", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Database unreachable", data: new Dictionary<string, object> { ["error"] = e.GetType().Name });
        }
    }

    /// <summary>
    /// The bare status ("Healthy", "Unhealthy") for everyone, as load balancers expect; the node, role and timing as
    /// JSON for the operations networks only (<see cref="OperationsAccess"/>).
    /// </summary>
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var access = http.RequestServices.GetRequiredService<OperationsAccess>();
        if (!access.Allows(http))
        {
            http.Response.ContentType = "text/plain";
            return http.Response.WriteAsync(report.Status.ToString());
        }
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            instance = Jobs.JobRunner.Instance,
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                milliseconds = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
