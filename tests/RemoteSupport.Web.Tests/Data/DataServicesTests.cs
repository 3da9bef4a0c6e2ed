using Microsoft.EntityFrameworkCore;
using Npgsql;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Data;

/// <summary>The connection settings the app adds to the operator's connection string (ADR-0011).</summary>
public sealed class DataServicesTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_apps_connections_prepare_statements_and_plan_each_run_with_its_values()
    {
        var (planCacheMode, maxAutoPrepare) = await Factory.WithDbAsync(async db =>
        {
            var mode = await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync();
            var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            return (mode, builder.MaxAutoPrepare);
        });
        Assert.Equal("force_custom_plan", planCacheMode);
        Assert.Equal(DataServices.DefaultMaxAutoPrepare, maxAutoPrepare);
    }

    [Fact]
    public void The_operators_own_settings_are_kept()
    {
        var off = DataServices.WithAutoPrepare("Host=db;Database=rs;Max Auto Prepare=0");
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(off).MaxAutoPrepare);
        Assert.Null(new NpgsqlConnectionStringBuilder(off).Options);

        var withOptions = new NpgsqlConnectionStringBuilder(DataServices.WithAutoPrepare("Host=db;Database=rs;Options=-c statement_timeout=5000"));
        Assert.Equal("-c statement_timeout=5000 -c plan_cache_mode=force_custom_plan", withOptions.Options);
        Assert.Equal(DataServices.DefaultMaxAutoPrepare, withOptions.MaxAutoPrepare);
    }
}
