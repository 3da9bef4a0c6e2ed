using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using RemoteSupport.Web.Data;
using Respawn;

namespace RemoteSupport.Web.Tests.Infrastructure;

/// <summary>
/// The real application over a real PostgreSQL (started by ./test.sh): the database is created and migrated
/// once with the real migrations, then emptied by Respawn before each test.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestClock Clock { get; } = new();
    /// <summary>The real SMTP server and HTTP SMS provider the app's messages go to (issue 13).</summary>
    public Messaging.MessagingServers Messaging { get; } = new();
    /// <summary>
    /// The clock of sessions (idle time, lifetime, second-factor freshness), apart from <see cref="Clock"/>: a test that
    /// moves "now" by days for its feature keeps its session; session tests move this one.
    /// </summary>
    public TestClock SessionTime { get; } = new();
    public string ConnectionString { get; }
    private Respawner? _respawner;

    public AppFactory()
    {
        var server = Environment.GetEnvironmentVariable("TEST_DATABASE_SERVER")
            ?? throw new InvalidOperationException("TEST_DATABASE_SERVER is not set: run the tests with ./test.sh, which starts PostgreSQL.");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = $"rs_web_tests_{Environment.ProcessId}" };
        ConnectionString = builder.ConnectionString;
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
        // Tests run the retention job themselves, with the test clock.
        builder.UseSetting("Retention:Nightly", "false");
        // Tests run the outbox sender themselves, pass by pass (OutboxSender.RunOnceAsync).
        builder.UseSetting("Messaging:Sender:Enabled", "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressStartupFilter>();
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Fast hashing for test accounts only; production keeps Identity's default work factor.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            services.PostConfigure<RemoteSupport.Web.Messaging.MessagingOptions>(Messaging.Configure);
            services.Configure<RemoteSupport.Web.Identity.SessionOptions>(o => o.Clock = SessionTime);
        });
    }

    public async ValueTask InitializeAsync()
    {
        await Messaging.StartAsync();
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
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
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        _respawner = await Respawner.CreateAsync(conn, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory", "DataProtectionKeys"],
        });
    }

    public async Task ResetAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await _respawner!.ResetAsync(conn);
        Clock.Reset();
        Messaging.Clear();
        SessionTime.Reset();
    }

    /// <summary>A context that sees every department, for arranging data and checking what was stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem();
        return await action(db);
    }

    public Task WithDbAsync(Func<AppDbContext, Task> action) => WithDbAsync(async db => { await action(db); return true; });

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem();
        return await action(scope.ServiceProvider);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Messaging.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<AppFactory>
{
    public const string Name = "web";
}

/// <summary>A settable clock, so tests control "now" (lockout expiry, overdue contacts, agenda).</summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private DateTimeOffset _now = Start;

    public override DateTimeOffset GetUtcNow() => _now;
    public void Set(DateTimeOffset now) => _now = now;
    public void Advance(TimeSpan by) => _now += by;
    public void Reset() => _now = Start;
}

/// <summary>
/// The test server has no client address. Each request gets its own random one (so failed sign-ins of unrelated tests
/// never add up in the per-address limit), unless the test names one in <see cref="Header"/>.
/// </summary>
public sealed class ClientAddressStartupFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    /// <summary>
    /// A random address of 100.64.0.0/10 (shared address space): never loopback, which the operations pages trust. A
    /// fully random one was 127.x.x.x once in 256 requests, and /metrics then answered an "outsider" (a flaky test).
    /// </summary>
    private static System.Net.IPAddress RandomClient()
    {
        var r = Random.Shared.Next(0, 1 << 22);
        return new System.Net.IPAddress(new byte[] { 100, (byte)(64 + (r >> 16)), (byte)(r >> 8), (byte)r });
    }

    public const string Header = "X-Test-Client-Address";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(async (Microsoft.AspNetCore.Http.HttpContext context, Func<Task> nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var given)
                ? System.Net.IPAddress.Parse(given.ToString())
                : RandomClient();
            await nextMiddleware();
        });
        next(app);
    };
}
