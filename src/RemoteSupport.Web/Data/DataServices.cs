using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data;

public static class DataServices
{
    /// <summary>Statements prepared per connection by Npgsql when the connection string does not say otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// <see cref="AppDbContext"/> for each request, leased from a pool (ADR-0011): the pool keeps the contexts' EF Core
    /// services between requests, and each lease is bound to the request's user, so the department filter and the save
    /// guard see exactly that user's departments. The context goes back to the pool, unbound, at the end of the request.
    /// </summary>
    public static IServiceCollection AddAppDbContext(this IServiceCollection services, string connectionString)
    {
        var withPreparedStatements = WithAutoPrepare(connectionString);
        services.AddPooledDbContextFactory<AppDbContext>(o => o.UseNpgsql(withPreparedStatements));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext().BindTo(sp.GetService<ICurrentUser>()));
        services.AddSingleton(_ => new SessionDataSource(NpgsqlDataSource.Create(ForSessionCheck(connectionString))));
        return services;
    }

    /// <summary>
    /// The connection string of the per-request session check (ADR-0026): the same server, failover and pool settings,
    /// with automatic preparation but without <c>force_custom_plan</c>. Its one statement is three primary-key lookups,
    /// for which PostgreSQL's cached (generic) plan is always right: planning it on every request cost 0.08 ms of
    /// PostgreSQL's CPU, four times its execution (docs/performance.md, « Round 3 »).
    /// </summary>
    public static string ForSessionCheck(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 4 }.ConnectionString;
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it: the few statements every page
    /// runs are then parsed once per connection instead of once per request. They are still planned on each run with
    /// the actual values (<c>plan_cache_mode=force_custom_plan</c>): a generic plan, which PostgreSQL would otherwise
    /// adopt after five runs, chose badly for a department of 50,000 persons next to departments of a few hundred
    /// (the team lead's pages cost PostgreSQL 1.5 to 2.5 times more). Measured in docs/performance.md; an operator can
    /// still write "Max Auto Prepare=0" to turn both off.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare };
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? CustomPlans : builder.Options + " " + CustomPlans;
        return builder.ConnectionString;
    }

    private const string CustomPlans = "-c plan_cache_mode=force_custom_plan";
}

/// <summary>The session check's own Npgsql data source (see <see cref="DataServices.ForSessionCheck"/>).</summary>
public sealed class SessionDataSource(NpgsqlDataSource source) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource Source => source;
    public ValueTask DisposeAsync() => source.DisposeAsync();
    public void Dispose() => source.Dispose();
}
