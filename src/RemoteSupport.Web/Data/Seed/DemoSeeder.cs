using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Seed;

/// <summary>
/// Demo data for trying RemoteSupport: four Breton departments, the demo accounts and about sixty fictional
/// persons per social worker. Runs once: a database that already has departments is left alone.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RoleManager<AppRole> roles, TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    /// <summary>Demo only: documented in README, never used outside demo data.</summary>
    public const string DemoPassword = "Demo!RemoteSupport2026";

    /// <summary>DEMO ONLY: the authenticator key of the demo administrator and team leads (README, run.sh).</summary>
    public const string DemoAuthenticatorKey = "DEMOKEYDEMOKEYDEMOKEYDEMOKEYDEMO";

    public static readonly (string Email, string Name, string Department, string? Team, string[] Roles, bool AllDepartments)[] Accounts =
    [
        ("admin@remotesupport.test", "Camille Administratrice", "CD56", null, [Roles.Admin], true),
        ("cadre.cd56@remotesupport.test", "Nadia Responsable", "CD56", "Pays de Vannes", [Roles.TeamLead], false),
        ("cadre.cd29@remotesupport.test", "Yann Responsable", "CD29", "Pays de Brest", [Roles.TeamLead], false),
        ("ts1.cd56@remotesupport.test", "Léa Travailleuse", "CD56", "Pays de Vannes", [Roles.SocialWorker], false),
        ("ts2.cd56@remotesupport.test", "Hugo Travailleur", "CD56", "Pays de Vannes", [Roles.SocialWorker], false),
        ("ts1.cd29@remotesupport.test", "Maël Travailleur", "CD29", "Pays de Brest", [Roles.SocialWorker], false),
    ];

    private static readonly (string Code, string Name, string[] Teams)[] DepartmentList =
    [
        ("CD22", "Côtes-d'Armor", ["Pays de Saint-Brieuc", "Pays de Dinan"]),
        ("CD29", "Finistère", ["Pays de Brest", "Pays de Cornouaille"]),
        ("CD35", "Ille-et-Vilaine", ["Pays de Rennes"]),
        ("CD56", "Morbihan", ["Pays de Vannes", "Pays de Lorient"]),
    ];

    public static async Task EnsureRolesAsync(RoleManager<AppRole> roles)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new AppRole(role));
    }

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        db.AsSystem();
        if (await db.Departments.AnyAsync(ct))
        {
            logger.LogInformation("Demo data already present: nothing seeded");
            return;
        }
        var now = clock.GetUtcNow();
        await EnsureRolesAsync(roles);

        var departments = DepartmentList.Select(d => new Department(d.Code, d.Name)).ToList();
        db.Departments.AddRange(departments);
        await db.SaveChangesAsync(ct);
        var teams = DepartmentList.SelectMany(d => d.Teams.Select(t => new Team { DepartmentId = departments.Single(x => x.Code == d.Code).Id, Name = t })).ToList();
        db.Teams.AddRange(teams);
        foreach (var department in departments)
        {
            db.VideoTools.AddRange(
                new VideoTool { DepartmentId = department.Id, Name = "Visio de l'État", PrivacyNote = "Outil hébergé en France par l'administration ; lien valable pour un seul entretien ; aucun enregistrement." },
                new VideoTool { DepartmentId = department.Id, Name = "Visio départementale", PrivacyNote = "Outil du département ; la personne rejoint par un lien, sans créer de compte." },
                new VideoTool { DepartmentId = department.Id, Name = "Appel vidéo sur smartphone", PrivacyNote = "À réserver aux personnes qui l'utilisent déjà ; passez par le téléphone professionnel, jamais le vôtre." });
        }
        await db.SaveChangesAsync(ct);

        var created = new List<AppUser>();
        foreach (var account in Accounts)
        {
            var department = departments.Single(d => d.Code == account.Department);
            var user = new AppUser
            {
                UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.Name,
                DepartmentId = department.Id, TeamId = teams.SingleOrDefault(t => t.DepartmentId == department.Id && t.Name == account.Team)?.Id,
                CreatedAt = now,
            };
            if (account.AllDepartments)
                user.ExtraDepartments = departments.Where(d => d.Id != department.Id).Select(d => new UserDepartmentGrant { DepartmentId = d.Id }).ToList();
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
            await users.AddToRolesAsync(user, account.Roles);
            // Administrators and team leads sign in with a second factor: the demo gives them a known key (README).
            if (account.Roles.Contains(Roles.Admin) || account.Roles.Contains(Roles.TeamLead))
                await ((AppUserManager)users).EnrolWithKeyAsync(user, DemoAuthenticatorKey);
            created.Add(user);
        }

        var workers = created.Where(u => Accounts.Single(a => a.Email == u.Email).Roles.Contains(Roles.SocialWorker)).ToList();
        var persons = new DemoPersons(now);
        foreach (var worker in workers)
        {
            var department = departments.Single(d => d.Id == worker.DepartmentId);
            persons.AddCaseload(db, worker.Id, department.Id, department.Code, 60);
        }
        await db.SaveChangesAsync(ct);

        await DemoFeatures.SeedAsync(db, departments, workers, now, ct);
        // Issue 17: the fictional directory and public guides of each demo department.
        var demoTools = await db.VideoTools.Where(t => t.Name == "Visio départementale").ToListAsync(ct);
        DemoDirectory.Seed(db, departments, demoTools.GroupBy(t => t.DepartmentId).ToDictionary(g => g.Key, g => (IReadOnlyList<VideoTool>)g.ToList()), now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo data seeded: {Departments} departments, {Users} accounts", departments.Count, created.Count);
    }
}
