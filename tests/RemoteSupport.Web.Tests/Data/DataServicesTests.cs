using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Data;

/// <summary>The connection settings the app adds to the operator's connection string (ADR-0011, ADR-0028).</summary>
public sealed class DataServicesTests(AppFactory factory) : WebTest(factory)
{
    private static Task<string> PlanCacheModeAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync();

    private static Task<int> BackendAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();

    [Fact]
    public async Task The_apps_connections_prepare_statements_keep_their_plans_and_are_not_reset_between_leases()
    {
        var (planCacheMode, builder) = await Factory.WithDbAsync(async db =>
            (await PlanCacheModeAsync(db), new NpgsqlConnectionStringBuilder(db.Database.GetDbConnection().ConnectionString)));
        Assert.Equal("auto", planCacheMode);
        Assert.Equal(DataServices.DefaultMaxAutoPrepare, builder.MaxAutoPrepare);
        Assert.True(builder.NoResetOnClose);
    }

    [Fact]
    public async Task A_department_wide_page_plans_each_run_and_puts_the_connection_back_as_it_was()
    {
        // One physical connection, so the lease after the scope is the very connection the scope changed.
        var single = new NpgsqlConnectionStringBuilder(DataServices.ForRequests(Factory.ConnectionString)) { MaxPoolSize = 1 }.ConnectionString;
        await using var source = NpgsqlDataSource.Create(single);
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(source).Options);

        int inside;
        await using (await db.PlanEachRun(CancellationToken.None))
        {
            Assert.Equal("force_custom_plan", await PlanCacheModeAsync(db));
            inside = await BackendAsync(db);
        }
        Assert.Equal(inside, await BackendAsync(db));
        Assert.Equal("auto", await PlanCacheModeAsync(db));
    }

    [Fact]
    public void The_team_leads_pages_and_only_they_plan_each_run()
    {
        var pages = Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>())
            .OfType<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>()
            .DistinctBy(p => p.ViewEnginePath)
            .ToList();
        static bool PlansEachRun(Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor page) =>
            page.FilterDescriptors.Any(f => f.Filter is PlanEachRunFilter);

        var teamLead = pages.Where(p => p.ViewEnginePath.StartsWith("/TeamLead/", StringComparison.Ordinal)).ToList();
        Assert.Contains(teamLead, p => p.ViewEnginePath == "/TeamLead/Workload");
        Assert.All(teamLead, p => Assert.True(PlansEachRun(p), p.ViewEnginePath));
        Assert.All(pages.Except(teamLead), p => Assert.False(PlansEachRun(p), p.ViewEnginePath));
    }

    [Fact]
    public void The_operators_own_settings_are_kept()
    {
        var off = new NpgsqlConnectionStringBuilder(DataServices.ForRequests("Host=db;Database=rs;Max Auto Prepare=0"));
        Assert.Equal(0, off.MaxAutoPrepare);
        Assert.False(off.NoResetOnClose);

        var withOptions = new NpgsqlConnectionStringBuilder(DataServices.ForRequests("Host=db;Database=rs;Options=-c statement_timeout=5000"));
        Assert.Equal("-c statement_timeout=5000", withOptions.Options);
        Assert.Equal(DataServices.DefaultMaxAutoPrepare, withOptions.MaxAutoPrepare);
        Assert.True(withOptions.NoResetOnClose);
    }
}
