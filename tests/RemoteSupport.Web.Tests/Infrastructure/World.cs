using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Tests.Infrastructure;

/// <summary>
/// The people and places every test starts from: two departments (CD56, CD29), two teams in CD56,
/// a worker, a colleague, a worker of another team, a team lead and a one-department admin in CD56,
/// a worker and a team lead in CD29, and an admin spanning both.
/// </summary>
public sealed class World
{
    public const string Password = "Test!Password2026";
    /// <summary>The authenticator key of the team leads and administrators (who must sign in with a second factor).</summary>
    public const string AuthenticatorKey = "TESTKEYTESTKEYTESTKEYTESTKEYTEST";

    public Department Cd56 { get; private set; } = default!;
    public Department Cd29 { get; private set; } = default!;
    public Team Vannes { get; private set; } = default!;
    public Team Lorient { get; private set; } = default!;
    public Team Brest { get; private set; } = default!;
    public AppUser Worker56 { get; private set; } = default!;
    public AppUser Colleague56 { get; private set; } = default!;
    public AppUser OtherTeamWorker56 { get; private set; } = default!;
    public AppUser Lead56 { get; private set; } = default!;
    public AppUser Admin56 { get; private set; } = default!;
    public AppUser Worker29 { get; private set; } = default!;
    public AppUser Lead29 { get; private set; } = default!;
    public AppUser SuperAdmin { get; private set; } = default!;

    public static async Task<World> CreateAsync(AppFactory factory)
    {
        var world = new World();
        await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            await DemoSeeder.EnsureRolesAsync(services.GetRequiredService<RoleManager<AppRole>>());
            world.Cd56 = new Department("CD56", "Morbihan");
            world.Cd29 = new Department("CD29", "Finistère");
            db.Departments.AddRange(world.Cd56, world.Cd29);
            await db.SaveChangesAsync();
            world.Vannes = new Team { DepartmentId = world.Cd56.Id, Name = "Pays de Vannes" };
            world.Lorient = new Team { DepartmentId = world.Cd56.Id, Name = "Pays de Lorient" };
            world.Brest = new Team { DepartmentId = world.Cd29.Id, Name = "Pays de Brest" };
            db.Teams.AddRange(world.Vannes, world.Lorient, world.Brest);
            await db.SaveChangesAsync();

            var users = services.GetRequiredService<UserManager<AppUser>>();
            async Task<AppUser> User(string email, string name, Department d, Team? t, string role, params Department[] extra)
            {
                var u = new AppUser
                {
                    UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, DepartmentId = d.Id, TeamId = t?.Id,
                    CreatedAt = TestClock.Start,
                    ExtraDepartments = extra.Select(x => new UserDepartmentGrant { DepartmentId = x.Id }).ToList(),
                };
                var result = await users.CreateAsync(u, Password);
                if (!result.Succeeded) throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
                await users.AddToRoleAsync(u, role);
                return u;
            }

            world.Worker56 = await User("ts1@cd56.test", "Léa Travailleuse", world.Cd56, world.Vannes, Roles.SocialWorker);
            world.Colleague56 = await User("ts2@cd56.test", "Hugo Collègue", world.Cd56, world.Vannes, Roles.SocialWorker);
            world.OtherTeamWorker56 = await User("ts3@cd56.test", "Inès Lorient", world.Cd56, world.Lorient, Roles.SocialWorker);
            world.Lead56 = await User("cadre@cd56.test", "Nadia Cadre", world.Cd56, world.Vannes, Roles.TeamLead);
            world.Admin56 = await User("admin@cd56.test", "Alain Admin", world.Cd56, null, Roles.Admin);
            world.Worker29 = await User("ts1@cd29.test", "Maël Finistère", world.Cd29, world.Brest, Roles.SocialWorker);
            world.Lead29 = await User("cadre@cd29.test", "Yann Cadre", world.Cd29, world.Brest, Roles.TeamLead);
            world.SuperAdmin = await User("admin@tous.test", "Camille Admin", world.Cd56, null, Roles.Admin, world.Cd29);
            var manager = (AppUserManager)users;
            foreach (var enrolled in new[] { world.Lead56, world.Admin56, world.Lead29, world.SuperAdmin })
                await manager.EnrolWithKeyAsync(enrolled, AuthenticatorKey);
            return true;
        });
        return world;
    }

    /// <summary>Adds a person to a worker's caseload, directly in the database.</summary>
    /// <remarks>Through the domain's seeding factory: <paramref name="configure"/> describes the file as it stands.</remarks>
    public static Task<AccompaniedPerson> AddPersonAsync(AppFactory factory, AppUser referent, Action<PersonSeed>? configure = null) =>
        factory.WithDbAsync(async db =>
        {
            var seed = new PersonSeed
            {
                DepartmentId = referent.DepartmentId, ReferentId = referent.Id, FirstName = "Rozenn", LastName = "Kerjean",
                Phone = "06 39 98 00 01", RemoteReasons = [RemoteReason.GeographicDistance], CreatedAt = TestClock.Start.AddDays(-60),
                FirstFaceToFaceMeetingOn = new DateOnly(2026, 10, 1), HasSmartphone = true, HasInternetAccess = true,
            };
            configure?.Invoke(seed);
            var person = AccompaniedPerson.Seed(seed);
            db.Persons.Add(person);
            await db.SaveChangesAsync();
            return person;
        });
}

/// <summary>Base class of HTTP tests: an empty database and a fresh <see cref="World"/> before each test.</summary>
[Collection(WebCollection.Name)]
public abstract class WebTest(AppFactory factory) : IAsyncLifetime
{
    protected AppFactory Factory { get; } = factory;
    protected World World { get; private set; } = default!;

    public virtual async ValueTask InitializeAsync()
    {
        await Factory.ResetAsync();
        World = await World.CreateAsync(Factory);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected Task<WebClient> SignInAsync(AppUser user) => WebClient.SignInAsync(Factory, user.Email!, World.Password);
    protected WebClient Anonymous() => new(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
}
