using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Users;

public sealed class CreateTests(AppFactory factory) : WebTest(factory)
{
    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Page> CreateAsync(WebClient client, params (string Name, string Value)[] values) =>
        await client.SubmitManyAsync("/Admin/Users/Create", values);

    [Fact]
    public async Task Creates_an_account_and_shows_its_one_time_password_once()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await CreateAsync(client,
            ("Input.Email", " gwen.le-goff@cd56.test "), ("Input.DisplayName", "Gwen Le Goff"), ("Input.DepartmentId", Id(World.Cd56.Id)),
            ("Input.TeamId", Id(World.Lorient.Id)), ("Input.Roles", Roles.SocialWorker));

        var password = page.Document.GetElementById("one-time-password")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(password), page.Summary);
        Assert.Contains("Il ne sera plus jamais affiché", page.Text);

        var stored = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "gwen.le-goff@cd56.test"));
        Assert.Equal("Gwen Le Goff", stored.DisplayName);
        Assert.Equal(World.Lorient.Id, stored.TeamId);
        Assert.True(stored.MustChangePassword);
        Assert.True(stored.IsActive);
        Assert.DoesNotContain(password!, stored.PasswordHash!);
        var roles = await Factory.WithServicesAsync(s => s.GetRequiredService<UserManager<AppUser>>().GetRolesAsync(stored));
        Assert.Equal([Roles.SocialWorker], roles);

        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditArea.Users, AuditAction.Create, stored.Id.ToString(), World.Cd56.Id, World.Admin56.Id), (audit.Area, audit.Action, audit.EntityId, audit.DepartmentId, audit.ActorId));
        Assert.Null(audit.Before);
        using var after = JsonDocument.Parse(audit.After!);
        Assert.Equal("gwen.le-goff@cd56.test", after.RootElement.GetProperty("Email").GetString());
        Assert.Equal("Pays de Lorient", after.RootElement.GetProperty("Team").GetString());
        Assert.DoesNotContain(password!, audit.After!);

        // The password is shown once: opening the page again shows an empty form.
        var again = await client.GetAsync("/Admin/Users/Create");
        Assert.Null(again.Document.GetElementById("one-time-password"));

        // The new user signs in with it and must choose their own password first.
        var newcomer = await WebClient.SignInAsync(Factory, "gwen.le-goff@cd56.test", password!);
        var home = await newcomer.GetAsync("/Persons");
        Assert.Equal("/Account/ChangePassword", home.Url.AbsolutePath);
    }

    [Fact]
    public async Task Several_roles_can_be_given_at_once()
    {
        var client = await SignInAsync(World.Admin56);
        await CreateAsync(client,
            ("Input.Email", "double@cd56.test"), ("Input.DisplayName", "Anne Double"), ("Input.DepartmentId", Id(World.Cd56.Id)),
            ("Input.TeamId", Id(World.Vannes.Id)), ("Input.Roles", Roles.SocialWorker), ("Input.Roles", Roles.TeamLead));

        var roles = await Factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            return await users.GetRolesAsync((await users.FindByEmailAsync("double@cd56.test"))!);
        });
        Assert.Equal([Roles.SocialWorker, Roles.TeamLead], roles.Order());
    }

    [Fact]
    public async Task Empty_and_malformed_fields_get_a_French_message_next_to_each()
    {
        var client = await SignInAsync(World.Admin56);
        // Nothing typed and no box ticked: the browser sends no role at all.
        var form = await client.GetAsync("/Admin/Users/Create");
        var page = await client.PostWithTokenAsync(form, "/Admin/Users/Create", ("Input.Email", ""), ("Input.DisplayName", ""));
        Assert.Equal("Saisissez l'adresse électronique professionnelle de la personne.", page.ErrorFor("Input.Email"));
        Assert.Equal("Saisissez le prénom et le nom de la personne.", page.ErrorFor("Input.DisplayName"));
        Assert.Equal("Cochez au moins un rôle.", page.ErrorFor("Input.Roles"));

        page = await CreateAsync(client, ("Input.Email", "pas-une-adresse"), ("Input.DisplayName", "<b>Gwen</b>"),
            ("Input.Roles", "Root"), ("Input.DepartmentId", "abc"));
        Assert.StartsWith("Saisissez une adresse électronique valide", page.ErrorFor("Input.Email"));
        Assert.StartsWith("Le nom affiché ne peut contenir que des lettres", page.ErrorFor("Input.DisplayName"));
        Assert.Equal("Un des rôles choisis n'existe pas.", page.ErrorFor("Input.Roles"));
        Assert.Equal("Saisissez un nombre entier, en chiffres.", page.ErrorFor("Input.DepartmentId"));

        page = await client.SubmitManyAsync("/Admin/Users/Create", [("Input.Email", "x@cd56.test"), ("Input.DisplayName", "Anne\u202EGwen")]);
        Assert.StartsWith("Le nom affiché ne peut contenir que des lettres", page.ErrorFor("Input.DisplayName"));

        page = await client.SubmitManyAsync("/Admin/Users/Create", [("Input.Email", new string('a', 250) + "@cd56.test"), ("Input.DisplayName", new string('a', 121))]);
        Assert.Equal("L'adresse électronique ne peut pas dépasser 254 caractères.", page.ErrorFor("Input.Email"));
        Assert.Equal("Le nom affiché ne peut pas dépasser 120 caractères.", page.ErrorFor("Input.DisplayName"));

        Assert.Equal(8, await Factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Empty(await Factory.AuditAsync());
    }

    [Fact]
    public async Task An_address_already_used_is_refused()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await CreateAsync(client,
            ("Input.Email", World.Worker29.Email!.ToUpperInvariant()), ("Input.DisplayName", "Un Doublon"), ("Input.DepartmentId", Id(World.Cd56.Id)),
            ("Input.TeamId", Id(World.Vannes.Id)), ("Input.Roles", Roles.SocialWorker));
        Assert.Equal("Un compte existe déjà avec cette adresse électronique.", page.ErrorFor("Input.Email"));
        Assert.Equal("Un Doublon", page.ValueOf("Input.DisplayName"));
        Assert.Empty(await Factory.AuditAsync());
    }

    [Fact]
    public async Task A_worker_needs_a_team_of_the_chosen_department()
    {
        var client = await SignInAsync(World.SuperAdmin);
        var page = await CreateAsync(client, ("Input.Email", "sans.equipe@cd56.test"), ("Input.DisplayName", "Sans Équipe"),
            ("Input.DepartmentId", Id(World.Cd56.Id)), ("Input.TeamId", ""), ("Input.Roles", Roles.SocialWorker));
        Assert.StartsWith("Choisissez l'équipe", page.ErrorFor("Input.TeamId"));

        page = await CreateAsync(client, ("Input.Email", "mauvaise.equipe@cd56.test"), ("Input.DisplayName", "Mauvaise Équipe"),
            ("Input.DepartmentId", Id(World.Cd56.Id)), ("Input.TeamId", Id(World.Brest.Id)), ("Input.Roles", Roles.SocialWorker));
        Assert.Equal("Cette équipe n'appartient pas au département choisi.", page.ErrorFor("Input.TeamId"));

        // An administrator follows nobody: no team needed.
        page = await CreateAsync(client, ("Input.Email", "admin2@cd56.test"), ("Input.DisplayName", "Second Admin"),
            ("Input.DepartmentId", Id(World.Cd56.Id)), ("Input.TeamId", ""), ("Input.Roles", Roles.Admin));
        Assert.NotNull(page.Document.GetElementById("one-time-password"));
    }

    [Fact]
    public async Task A_one_department_admin_can_neither_create_in_nor_grant_another_department()
    {
        var client = await SignInAsync(World.Admin56);
        var form = await client.GetAsync("/Admin/Users/Create");
        Assert.DoesNotContain("Finistère", form.Text);

        var page = await CreateAsync(client, ("Input.Email", "intrus@cd29.test"), ("Input.DisplayName", "Un Intrus"),
            ("Input.DepartmentId", Id(World.Cd29.Id)), ("Input.TeamId", Id(World.Brest.Id)), ("Input.Roles", Roles.SocialWorker));
        Assert.Equal("Choisissez un des départements que vous administrez.", page.ErrorFor("Input.DepartmentId"));

        page = await CreateAsync(client, ("Input.Email", "admin.large@cd56.test"), ("Input.DisplayName", "Admin Large"),
            ("Input.DepartmentId", Id(World.Cd56.Id)), ("Input.Roles", Roles.Admin), ("Input.ExtraDepartmentIds", Id(World.Cd29.Id)));
        Assert.Equal("Vous ne pouvez donner accès qu'aux départements que vous administrez.", page.ErrorFor("Input.ExtraDepartmentIds"));

        Assert.False(await Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "intrus@cd29.test" || u.Email == "admin.large@cd56.test")));
    }

    [Fact]
    public async Task An_admin_of_two_departments_can_create_an_administrator_of_both()
    {
        var client = await SignInAsync(World.SuperAdmin);
        var page = await CreateAsync(client, ("Input.Email", "admin.breizh@cd56.test"), ("Input.DisplayName", "Admin Breizh"),
            ("Input.DepartmentId", Id(World.Cd56.Id)), ("Input.Roles", Roles.Admin), ("Input.ExtraDepartmentIds", Id(World.Cd29.Id)),
            ("Input.ExtraDepartmentIds", Id(World.Cd56.Id)));
        Assert.NotNull(page.Document.GetElementById("one-time-password"));
        var grants = await Factory.WithDbAsync(db => db.UserDepartmentGrants.Where(g => db.Users.Any(u => u.Id == g.UserId && u.Email == "admin.breizh@cd56.test"))
            .Select(g => g.DepartmentId).ToListAsync());
        Assert.Equal([World.Cd29.Id], grants);
    }

    [Fact]
    public async Task Only_an_administrator_can_span_other_departments()
    {
        var client = await SignInAsync(World.SuperAdmin);
        var page = await CreateAsync(client, ("Input.Email", "ts.large@cd56.test"), ("Input.DisplayName", "Ts Large"),
            ("Input.DepartmentId", Id(World.Cd56.Id)), ("Input.TeamId", Id(World.Vannes.Id)), ("Input.Roles", Roles.SocialWorker),
            ("Input.ExtraDepartmentIds", Id(World.Cd29.Id)));
        Assert.Equal("Seul un administrateur peut couvrir d'autres départements que le sien.", page.ErrorFor("Input.ExtraDepartmentIds"));
    }
}
