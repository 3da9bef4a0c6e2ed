using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Seed;

namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>
/// The real application on real Kestrel (127.0.0.1, random port) over its own PostgreSQL database, migrated and
/// filled with the demo data, so the browser signs in with the demo accounts a person would use.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    /// <summary>"Now" never moves: the demo data, the pages and therefore the screenshots are the same on every run.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public string ConnectionString { get; }
    public Uri BaseAddress { get; private set; } = default!;

    public BrowserApp()
    {
        var server = Environment.GetEnvironmentVariable("TEST_DATABASE_SERVER")
            ?? throw new InvalidOperationException("TEST_DATABASE_SERVER is not set: run the tests with ./test.sh, which starts PostgreSQL.");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"rs_browser_tests_{Environment.ProcessId}" }.ConnectionString;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "false");
        builder.UseSetting("Seed:Demo", "false");
        // Background jobs run only where a test starts them (Operations/JobTests): no refresh racing a test.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Retention:Nightly", "false");
        // The clock never moves here: messages stay as planned, so the pages show the same status on every run.
        builder.UseSetting("Messaging:Sender:Enabled", "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Fast hashing for the demo accounts of this throw-away database; production keeps Identity's work factor.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    public async Task StartAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString;
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Migrate before the app starts, so nothing in it (Data Protection keys…) meets a missing table.
        await using (var migrator = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ConnectionString).Options))
        {
            await migrator.AsSystem().Database.MigrateAsync();
        }

        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
    }

    /// <summary>A context that sees every department, to look up ids and check what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The app's clock: fixed, except inside <see cref="FixedClock.Travel"/> (the journeys run one at a time).</summary>
    public FixedClock Clock { get; } = new(Now);

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        /// <summary>Moves the clock until the returned handle is disposed (a session that has started, say).</summary>
        public IDisposable Travel(DateTimeOffset to)
        {
            var before = _now;
            _now = to;
            return new Back(() => _now = before);
        }

        private sealed class Back(Action back) : IDisposable
        {
            public void Dispose() => back();
        }
    }
}
