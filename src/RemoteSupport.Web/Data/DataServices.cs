using System.Data.Common;
using Microsoft.AspNetCore.Mvc.Filters;
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
    /// The contexts and the per-request session check share one Npgsql data source (<see cref="AppDataSource"/>).
    /// </summary>
    public static IServiceCollection AddAppDbContext(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new AppDataSource(NpgsqlDataSource.Create(ForRequests(connectionString))));
        services.AddPooledDbContextFactory<AppDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<AppDataSource>().Source));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext().BindTo(sp.GetService<ICurrentUser>()));
        return services;
    }

    /// <summary>
    /// The settings the app adds to the operator's connection string (ADR-0011, ADR-0028), unless it sets
    /// "Max Auto Prepare" itself (then it is taken as it is, so an operator can turn these off):
    /// <list type="bullet">
    /// <item>Npgsql's automatic preparation: the statements every page runs are parsed once per connection, and after
    /// five runs PostgreSQL keeps their plan. Nearly all of them look rows up by key (a person, a user, a session), for
    /// which the kept plan is the right one. The department-wide pages, whose best plan depends on the department's size,
    /// ask for a plan on every run within their own work (<see cref="PlanEachRun"/>).</item>
    /// <item>No reset when a connection goes back to Npgsql's pool: the app leaves no session state on a connection (no
    /// session setting, cursor, listener or temporary table; the jobs' session locks are released in their
    /// <c>finally</c>, and a connection that failed is closed, not pooled), so the seven reset statements Npgsql would
    /// prepend to the next lease's first query are work for nothing — PostgreSQL ran them twice per request.</item>
    /// </list>
    /// Measured in docs/performance.md (« Round 4 »).
    /// </summary>
    public static string ForRequests(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare, NoResetOnClose = true }.ConnectionString;
    }

    /// <summary>
    /// Asks PostgreSQL to plan each statement with its actual values until the returned scope is disposed, on a
    /// connection the context keeps open meanwhile. For the department-wide pages (the team lead's, through
    /// <see cref="PlanEachRunFilter"/>): a kept (generic) plan, adopted after five runs, chose badly for a department of
    /// 50,000 persons next to departments of a few hundred (PostgreSQL's CPU 1.5 to 2.5 times higher, the department
    /// workload over 200 ms at p95; docs/performance.md, « Department scale » and « Round 4 »). The setting is put back
    /// when the scope ends; were that to fail, the connection would only plan each run until it is closed.
    /// </summary>
    public static async Task<IAsyncDisposable> PlanEachRun(this AppDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SET plan_cache_mode = force_custom_plan", ct);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
        return new CustomPlans(db);
    }

    private sealed class CustomPlans(AppDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("RESET plan_cache_mode");
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}

/// <summary>
/// Runs a page's handler inside <see cref="DataServices.PlanEachRun"/>: put on the team lead's pages (folder /TeamLead,
/// Program.cs), whose statements read a whole department or team, from the scope check to the lists (ADR-0028).
/// </summary>
public sealed class PlanEachRunFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        await using (await db.PlanEachRun(context.HttpContext.RequestAborted))
            await next();
    }
}

/// <summary>
/// The app's one Npgsql data source (<see cref="DataServices.ForRequests"/>): EF Core's contexts and the per-request
/// session check (raw Npgsql, ADR-0026) lease their connections from it.
/// </summary>
public sealed class AppDataSource(NpgsqlDataSource source) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource Source => source;
    public ValueTask DisposeAsync() => source.DisposeAsync();
    public void Dispose() => source.Dispose();
}
