using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Priorities;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// Operator commands run with the published app: <c>dotnet RemoteSupport.Web.dll COMMAND [--option value]</c>.
/// </summary>
public static class Commands
{
    private static readonly string[] Known = ["migrate", "seed-demo", "create-admin", "seed-scale", "refresh-priorities"];

    public static (string? Command, string[] HostArgs) Split(string[] args) =>
        args.Length > 0 && Known.Contains(args[0]) ? (args[0], []) : (null, args);

    public static async Task<int> RunAsync(WebApplication app, string command, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>().AsSystem();
        var options = Options(args);
        switch (command)
        {
            case "migrate":
                await db.Database.MigrateAsync();
                Console.WriteLine("Migrations applied.");
                return 0;
            case "seed-demo":
                await db.Database.MigrateAsync();
                await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
                return 0;
            case "create-admin":
                await db.Database.MigrateAsync();
                return await CreateAdminAsync(services, db, options);
            case "seed-scale":
                // A department at full scale for measuring speed (docs/performance.md); fictional data only.
                await db.Database.MigrateAsync();
                return await ScaleSeeder.RunAsync(services, options, CancellationToken.None);
            case "refresh-priorities":
                // For a nightly job just after midnight (Europe/Paris): the day's priorities are computed before anyone
                // opens a list, instead of by the first team lead of the day (docs/decisions/ADR-0008-priority-score.md).
                await db.Database.MigrateAsync();
                foreach (var department in await db.Departments.Select(d => d.Id).ToListAsync())
                {
                    var count = await services.GetRequiredService<PriorityRefresh.Handler>().RefreshDepartmentAsync(department, CancellationToken.None);
                    Console.WriteLine($"Department {department}: {count} priorities recomputed.");
                }
                return 0;
            default:
                return 2;
        }
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            result[args[i][2..]] = value;
        }
        return result;
    }

    /// <summary>
    /// The first administrator of a production install: creates the department if needed and an Admin account
    /// that must change its password at first sign-in. No demo data.
    /// </summary>
    private static async Task<int> CreateAdminAsync(IServiceProvider services, AppDbContext db, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("department", out var code))
        {
            await Console.Error.WriteLineAsync(
                "Usage: create-admin --email ADRESSE --department CODE [--department-name NOM] [--name \"Prénom Nom\"] [--password MOTDEPASSE]");
            return 2;
        }
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Code == code);
        if (department is null)
        {
            department = new Domain.Departments.Department { Code = code, Name = options.GetValueOrDefault("department-name", code) };
            db.Departments.Add(department);
            await db.SaveChangesAsync();
        }
        await DemoSeeder.EnsureRolesAsync(services.GetRequiredService<RoleManager<AppRole>>());
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var password = options.GetValueOrDefault("password") ?? GeneratePassword();
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = options.GetValueOrDefault("name", email),
            DepartmentId = department.Id, MustChangePassword = true, CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await Console.Error.WriteLineAsync(e.Description);
            return 1;
        }
        await users.AddToRoleAsync(user, Roles.Admin);
        Console.WriteLine($"Administrator {email} created for department {department.Code}.");
        if (!options.ContainsKey("password")) Console.WriteLine($"One-time password (to change at first sign-in): {password}");
        return 0;
    }

    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return new string(chars) + "!7a";
    }
}
