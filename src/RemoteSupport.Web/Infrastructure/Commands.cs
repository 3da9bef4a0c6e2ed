using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
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
    private static readonly string[] Known = ["migrate", "seed-demo", "create-admin", "refresh-priorities", "run-job", "jobs", "retention", "verify-journal", "send-messages"];

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
                return await CreateAdminAsync(services, options, Console.Out, Console.Error);
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
            case "run-job":
                // Background jobs by hand or from cron, through the same single-runner lock (ADR-0021).
                return await Jobs.JobCommands.RunJobAsync(services, args, Console.Out, Console.Error);
            case "jobs":
                return await Jobs.JobCommands.ListAsync(services, db.Database.GetConnectionString()!, Console.Out);
            case "retention":
                await db.Database.MigrateAsync();
                return await RetentionCommandAsync(services, options, Console.Out, Console.Error);
            case "verify-journal":
                await db.Database.MigrateAsync();
                return await VerifyJournalAsync(services, Console.Out);
            case "send-messages":
                // Sends every due message now and stops (issue 13): the background sender's passes, run by hand.
                // Safe beside running instances: each message is claimed by one sender only (ADR-0018).
                var sender = services.GetRequiredService<Messaging.OutboxSender>();
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var handled = 0;
                while (await sender.RunOnceAsync(CancellationToken.None) is var n and > 0) handled += n;
                Console.WriteLine($"{handled} due messages handled in {watch.Elapsed.TotalSeconds:0.00} s.");
                return 0;
            default:
                return 2;
        }
    }

    /// <summary>
    /// The retention job by hand (issue 14): <c>--dry-run</c> lists who would be anonymised and how many access rows would
    /// go, <c>--apply</c> does it. The same code as the nightly run, under the same lock.
    /// </summary>
    public static async Task<int> RetentionCommandAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextWriter output, TextWriter errors)
    {
        var apply = options.ContainsKey("apply");
        if (apply == options.ContainsKey("dry-run"))
        {
            await errors.WriteLineAsync("Usage: retention --dry-run | --apply");
            return 2;
        }
        var report = await services.GetRequiredService<Data.Retention.RetentionJob>().RunAsync(apply, CancellationToken.None);
        if (report.Skipped)
        {
            await output.WriteLineAsync("Another instance is running the retention job: nothing done.");
            return 1;
        }
        foreach (var d in report.Departments)
        {
            // Ids only: the output may end in a log.
            await output.WriteLineAsync(apply
                ? $"Department {d.Code}: {d.Anonymised} person(s) anonymised of {d.Due.Count} due; {d.AccessRowsPurged} access row(s) purged."
                : $"Department {d.Code}: {d.Due.Count} person(s) would be anonymised; {d.AccessRowsPurged} access row(s) would be purged.");
            foreach (var id in d.Due) await output.WriteLineAsync($"  {id}");
        }
        return 0;
    }

    /// <summary>Checks every department's journal chain; exit code 0 when all are intact, 1 when one breaks (ADR-0023).</summary>
    public static async Task<int> VerifyJournalAsync(IServiceProvider services, TextWriter output)
    {
        var db = services.GetRequiredService<AppDbContext>().AsSystem();
        var departments = await db.Departments.Select(d => d.Id).ToListAsync();
        var results = await Data.Journal.JournalVerification.VerifyAsync(db, departments, CancellationToken.None);
        foreach (var r in results)
        {
            await output.WriteLineAsync(r.Intact
                ? $"Department {r.Code}: intact ({r.Entries} entries)."
                : $"Department {r.Code}: BROKEN at entry {r.Break!.EntryId} (sequence {r.Break.ChainSeq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {r.Break.Kind}.");
        }
        return results.All(r => r.Intact) ? 0 : 1;
    }

    /// <summary>"COMMAND --name value --flag" into { name: value, flag: "true" }.</summary>
    public static Dictionary<string, string> Options(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var name = args[i][2..];
            result[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return result;
    }

    /// <summary>
    /// The first administrator of a production install: creates the department if needed (no demo data, no team) and
    /// an Admin account with a one-time password, printed once, to change at first sign-in. The department, the
    /// account and their audit entries are written in one transaction. Public so tests run the very same code path.
    /// </summary>
    /// <returns>The process exit code: 0 created, 1 refused, 2 bad usage.</returns>
    public static async Task<int> CreateAdminAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextWriter output, TextWriter errors)
    {
        var db = services.GetRequiredService<AppDbContext>().AsSystem();
        var clock = services.GetRequiredService<TimeProvider>();
        if (!options.TryGetValue("email", out var rawEmail) || !options.TryGetValue("department", out var rawCode))
        {
            await errors.WriteLineAsync(
                "Usage: create-admin --email ADRESSE --department CODE [--department-name NOM] [--name \"Prénom Nom\"] [--all-departments]");
            return 2;
        }
        var email = rawEmail.Trim();
        var code = rawCode.Trim().ToUpperInvariant();
        var displayName = options.GetValueOrDefault("name", email).Trim();
        var departmentName = options.GetValueOrDefault("department-name", code).Trim();
        var problems = new List<string>();
        if (email.Length > 254 || !TextRules.IsEmail(email)) problems.Add("--email: not a valid e-mail address.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(code, "^[A-Z0-9]{2,16}$")) problems.Add("--department: 2 to 16 letters or digits, e.g. CD56.");
        if (departmentName.Length is 0 or > 120 || !TextRules.HasNoMarkupOrControl(departmentName)) problems.Add("--department-name: 1 to 120 characters, no markup.");
        if (displayName.Length is 0 or > 120 || !TextRules.HasNoMarkupOrControl(displayName)) problems.Add("--name: 1 to 120 characters, no markup.");
        if (problems.Count > 0)
        {
            foreach (var problem in problems) await errors.WriteLineAsync(problem);
            return 2;
        }

        var roles = services.GetRequiredService<RoleManager<AppRole>>();
        await DemoSeeder.EnsureRolesAsync(roles); // the roles only: no demo data
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var now = clock.GetUtcNow();
        var userId = Guid.CreateVersion7();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Code == code);
        if (department is null)
        {
            department = new Domain.Departments.Department(code, departmentName);
            db.Departments.Add(department);
            await db.SaveChangesAsync();
            AuditTrail.Record(db, userId, now, AuditArea.Departments, AuditAction.Create,
                department.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), department.Id, null,
                new() { ["Code"] = department.Code, ["Name"] = department.Name, ["Via"] = "create-admin" });
        }
        var grants = options.ContainsKey("all-departments")
            ? await db.Departments.Where(d => d.Id != department.Id).OrderBy(d => d.Code).Select(d => new { d.Id, d.Code }).ToListAsync()
            : [];
        var user = new AppUser
        {
            Id = userId, UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName,
            DepartmentId = department.Id, MustChangePassword = true, CreatedAt = now,
            ExtraDepartments = grants.Select(g => new UserDepartmentGrant { DepartmentId = g.Id }).ToList(),
        };
        var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstAsync();
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = userId, RoleId = adminRole });
        // Nobody is signed in: the new administrator is recorded as the author of their own creation, "Via" says how.
        AuditTrail.Record(db, userId, now, AuditArea.Users, AuditAction.Create, userId.ToString(), department.Id, null, new()
        {
            ["DisplayName"] = displayName, ["Department"] = department.Code, ["Team"] = null, ["Roles"] = new[] { Roles.Admin },
            ["ExtraDepartments"] = grants.Select(g => g.Code).ToList(), ["Email"] = email, ["MustChangePassword"] = true, ["Via"] = "create-admin",
        });
        var password = OneTimePassword.Generate();
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await errors.WriteLineAsync(e.Description);
            return 1; // the transaction is rolled back: not even the department remains
        }
        await transaction.CommitAsync();
        await output.WriteLineAsync($"Administrator {email} created for department {department.Code}.");
        await output.WriteLineAsync($"One-time password (to change at first sign-in): {password}");
        return 0;
    }
}
