using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Priorities;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Bench.Seed;

/// <summary>
/// <c>dotnet RemoteSupport.Bench.Seed.dll [--persons 50000] [--workers 800] [--teams 40] [--interviews 500000]
/// [--activity 2000000] [--code CD99] [--seed 6]</c> with <c>ConnectionStrings__Default</c> set: applies the
/// migrations, then seeds one fictional department at full scale for bench/scale-benchmark.sh (docs/performance.md).
/// Benchmark data lives here, outside the web assembly: a production install cannot run it.
/// </summary>
public static class SeedTool
{
    public static async Task<int> Main(string[] args)
    {
        // The current code of the demo's documented authenticator key, for the benchmark's team-lead sign-in.
        if (args is ["--totp"])
        {
            Console.WriteLine(Totp.Code(Totp.FromBase32(DemoSeeder.DemoAuthenticatorKey), Totp.StepAt(DateTimeOffset.UtcNow)));
            return 0;
        }
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("Set ConnectionStrings__Default to the database to seed.");
            return 2;
        }
        await using var provider = Services(connectionString);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem().Database.MigrateAsync();
        return await ScaleSeeder.RunAsync(scope.ServiceProvider, Commands.Options(["seed", .. args]), CancellationToken.None);
    }

    /// <summary>What the seeder needs of the application: its context, Identity's stores and hasher, the priority refresh.</summary>
    public static ServiceProvider Services(string connectionString, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddAppDbContext(connectionString);
        services.AddIdentityCore<AppUser>().AddRoles<AppRole>().AddEntityFrameworkStores<AppDbContext>();
        services.AddScoped<PriorityRefresh.Handler>();
        return services.BuildServiceProvider();
    }
}
