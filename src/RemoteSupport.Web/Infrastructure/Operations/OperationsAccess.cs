using System.Net;

namespace RemoteSupport.Web.Infrastructure.Operations;

/// <summary>
/// Who may read the operations details (/metrics, and the database node in /health/ready): the loopback address
/// always, plus the networks listed in <c>Operations:AllowedNetworks</c> (CIDR, e.g. "10.20.0.0/16" for the
/// monitoring network). Behind the proxy the address is the client's (forwarded headers), so a visitor from outside
/// is refused unless their network is listed. Anyone else gets a 404 for /metrics and a bare status for readiness.
/// </summary>
public sealed class OperationsAccess
{
    private readonly IPNetwork[] _networks;

    public OperationsAccess(IConfiguration configuration)
    {
        // A list in appsettings.json, or one comma-separated value (an environment variable).
        var listed = configuration["Operations:AllowedNetworks"] is { Length: > 0 } one
            ? one.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : configuration.GetSection("Operations:AllowedNetworks").Get<string[]>() ?? [];
        _networks = listed.Select(IPNetwork.Parse).ToArray();
    }

    public bool Allows(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IPAddress.IsLoopback(address) || _networks.Any(n => n.Contains(address));
    }
}

/// <summary>Answers 404 to /metrics for anyone <see cref="OperationsAccess"/> does not allow.</summary>
public sealed class MetricsAccessMiddleware(RequestDelegate next, OperationsAccess access)
{
    public const string Path = "/metrics";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(Path) && !access.Allows(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
