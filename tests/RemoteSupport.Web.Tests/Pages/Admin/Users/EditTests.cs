using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Users;

public sealed class EditTests(AppFactory factory) : WebTest(factory)
{
    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static string Url(AppUser user) => $"/Admin/Users/Edit/{user.Id}";

    private Task<AppUser> StoredAsync(AppUser user) =>
        Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));

    private Task<List<string>> RolesAsync(AppUser user) =>
        Factory.WithDbAsync(db => db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .OrderBy(n => n).ToListAsync());

    [Fact]
    public async Task Changes_roles_and_team_and_records_before_and_after()
    {
        var client = await SignInAsync(World.Admin56);
        var form = await client.GetAsync(Url(World.Worker56));
        Assert.Equal("Léa Travailleuse", form.ValueOf("Input.DisplayName"));
        Assert.Equal(Id(World.Vannes.Id), form.ValueOf("Input.TeamId"));

        var page = await client.SubmitFormManyAsync(form, [("Input.Roles", Roles.SocialWorker), ("Input.Roles", Roles.TeamLead), ("Input.TeamId", Id(World.Lorient.Id))]);
        Assert.Equal("Les modifications du compte ont été enregistrées.", page.Flash);

        Assert.Equal([Roles.SocialWorker, Roles.TeamLead], await RolesAsync(World.Worker56));
        Assert.Equal(World.Lorient.Id, (await StoredAsync(World.Worker56)).TeamId);
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditArea.Users, AuditAction.Update, World.Worker56.Id.ToString(), World.Cd56.Id), (audit.Area, audit.Action, audit.EntityId, audit.DepartmentId));
        using var before = JsonDocument.Parse(audit.Before!);
        using var after = JsonDocument.Parse(audit.After!);
        // Only what changed is recorded.
        Assert.Equal(["Roles", "Team"], before.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Pays de Vannes", before.RootElement.GetProperty("Team").GetString());
        Assert.Equal("Pays de Lorient", after.RootElement.GetProperty("Team").GetString());
        Assert.Equal(2, after.RootElement.GetProperty("Roles").GetArrayLength());
    }

    [Fact]
    public async Task Saving_without_change_records_nothing()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.SubmitAsync(Url(World.Worker56), []);
        Assert.Equal("Aucune modification à enregistrer.", page.Flash);
        Assert.Empty(await Factory.AuditAsync());
    }

    [Fact]
    public async Task A_team_of_another_department_and_bad_values_are_refused_with_French_messages()
    {
        var client = await SignInAsync(World.SuperAdmin);
        var page = await client.SubmitAsync(Url(World.Worker56), new() { ["Input.TeamId"] = Id(World.Brest.Id), ["Input.DisplayName"] = "" });
        Assert.Equal("Cette équipe n'appartient pas au département choisi.", page.ErrorFor("Input.TeamId"));
        Assert.Equal("Saisissez le prénom et le nom de la personne.", page.ErrorFor("Input.DisplayName"));

        page = await client.SubmitAsync(Url(World.Worker56), new() { ["Input.TeamId"] = "douze", ["Input.DepartmentId"] = "-1" });
        Assert.Equal("Saisissez un nombre entier, en chiffres.", page.ErrorFor("Input.TeamId"));
        Assert.Equal("Choisissez un des départements que vous administrez.", page.ErrorFor("Input.DepartmentId"));

        Assert.Equal(World.Vannes.Id, (await StoredAsync(World.Worker56)).TeamId);
        Assert.Empty(await Factory.AuditAsync());
    }

    [Fact]
    public async Task Moving_an_account_to_another_department_is_recorded_in_both()
    {
        var client = await SignInAsync(World.SuperAdmin);
        var page = await client.SubmitAsync(Url(World.Worker56), new() { ["Input.DepartmentId"] = Id(World.Cd29.Id), ["Input.TeamId"] = Id(World.Brest.Id) });
        Assert.Equal("Les modifications du compte ont été enregistrées.", page.Flash);
        var stored = await StoredAsync(World.Worker56);
        Assert.Equal((World.Cd29.Id, World.Brest.Id), (stored.DepartmentId, stored.TeamId));
        var audit = await Factory.AuditAsync();
        Assert.Equal(new[] { World.Cd29.Id, World.Cd56.Id }.Order(), audit.Select(a => a.DepartmentId!.Value).Order());
        Assert.All(audit, a => Assert.Contains("CD29", a.After));

        // The one-department admin of Morbihan no longer manages the account.
        var admin56 = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.NotFound, (await admin56.GetAsync(Url(World.Worker56))).Status);
    }

    [Fact]
    public async Task A_stale_form_is_refused_and_nothing_is_overwritten()
    {
        var client = await SignInAsync(World.Admin56);
        var form = await client.GetAsync(Url(World.Worker56));
        var other = await SignInAsync(World.SuperAdmin);
        await other.SubmitAsync(Url(World.Worker56), new() { ["Input.DisplayName"] = "Léa Renommée" });

        var page = await client.SubmitFormAsync(form, new() { ["Input.TeamId"] = Id(World.Lorient.Id) });
        Assert.Contains("Quelqu'un d'autre a modifié ces informations", page.Summary);
        var stored = await StoredAsync(World.Worker56);
        Assert.Equal(("Léa Renommée", World.Vannes.Id), (stored.DisplayName, stored.TeamId));
        Assert.Single(await Factory.AuditAsync());
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role_nor_deactivate_themselves()
    {
        var client = await SignInAsync(World.Admin56);
        var form = await client.GetAsync(Url(World.Admin56));
        Assert.DoesNotContain("Désactiver le compte", form.Text);

        var page = await client.SubmitFormManyAsync(form, [("Input.Roles", Roles.TeamLead), ("Input.TeamId", Id(World.Vannes.Id))]);
        Assert.StartsWith("Vous ne pouvez pas retirer votre propre rôle d'administrateur", page.ErrorFor("Input.Roles"));

        page = await client.PostWithTokenAsync(form, Url(World.Admin56) + "?handler=Deactivate");
        Assert.Contains("Vous ne pouvez pas désactiver votre propre compte", page.Summary);

        Assert.Equal([Roles.Admin], await RolesAsync(World.Admin56));
        Assert.True((await StoredAsync(World.Admin56)).IsActive);
        Assert.Empty(await Factory.AuditAsync());
    }

    [Fact]
    public async Task Deactivating_ends_sign_in_and_open_sessions_but_keeps_the_persons()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        var stampBefore = (await StoredAsync(World.Worker56)).SecurityStamp;

        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync(Url(World.Worker56), [], "form[action$='handler=Deactivate']");
        Assert.Contains("Le compte de Léa Travailleuse est désactivé", page.Flash);
        Assert.Contains("Ses 1 personne(s) suivie(s) restent dans la file active", page.Flash);
        Assert.Contains("Réactiver le compte", page.Text);

        var stored = await StoredAsync(World.Worker56);
        Assert.False(stored.IsActive);
        Assert.NotEqual(stampBefore, stored.SecurityStamp);
        var kept = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == person.Id));
        Assert.Equal((World.Worker56.Id, PersonStatus.Active), (kept.ReferentId, kept.Status));
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal(AuditAction.Deactivate, audit.Action);
        Assert.Equal("""{"IsActive": false}""", audit.After);

        // The open session ends at its very next request (issue 15); the sign-in page says no more than for a wrong password.
        Assert.Equal("/Account/Login", (await worker.GetAsync("/Persons")).Url.AbsolutePath);
        var login = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Contains(RemoteSupport.Web.Pages.Account.Login.BadCredentials, login.Summary);
    }

    [Fact]
    public async Task Reactivating_lets_the_person_sign_in_again()
    {
        var admin = await SignInAsync(World.Admin56);
        await admin.SubmitAsync(Url(World.Worker56), [], "form[action$='handler=Deactivate']");
        var page = await admin.SubmitAsync(Url(World.Worker56), [], "form[action$='handler=Reactivate']");
        Assert.Contains("est réactivé", page.Flash);
        Assert.True((await StoredAsync(World.Worker56)).IsActive);
        Assert.Equal([AuditAction.Deactivate, AuditAction.Reactivate], (await Factory.AuditAsync()).Select(a => a.Action));
        await SignInAsync(World.Worker56);
    }

    [Fact]
    public async Task Unlocking_a_locked_account_lets_the_person_sign_in_at_once()
    {
        // Identity dates a lockout with the system clock: the pages must see the same "now".
        Factory.Clock.Set(DateTimeOffset.UtcNow);
        for (var i = 0; i < 5; i++)
            await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = "Mauvais!MotDePasse1" });
        var admin = await SignInAsync(World.Admin56);
        var list = await admin.GetAsync("/Admin/Users?q=Léa");
        Assert.Contains("Verrouillé", list.Text);

        var page = await admin.SubmitAsync(Url(World.Worker56), [], "form[action$='handler=Unlock']");
        Assert.Contains("est déverrouillé", page.Flash);
        var stored = await StoredAsync(World.Worker56);
        Assert.Null(stored.LockoutEnd);
        Assert.Equal(0, stored.AccessFailedCount);
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal(AuditAction.Unlock, audit.Action);
        await SignInAsync(World.Worker56);
    }

    [Fact]
    public async Task A_one_department_admin_gets_404_for_an_account_of_another_department()
    {
        var client = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(World.Worker29))).Status);
        var own = await client.GetAsync(Url(World.Worker56));
        foreach (var handler in new[] { "", "?handler=Deactivate", "?handler=Reactivate", "?handler=Unlock" })
        {
            var page = await client.PostWithTokenAsync(own, Url(World.Worker29) + handler,
                ("Input.DisplayName", "Piraté"), ("Input.DepartmentId", Id(World.Cd56.Id)), ("Input.Roles", Roles.Admin), ("Stamp", World.Worker29.ConcurrencyStamp!));
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Admin/Users/ResetPassword/{World.Worker29.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync(own, $"/Admin/Users/ResetPassword/{World.Worker29.Id}")).Status);

        var stored = await StoredAsync(World.Worker29);
        Assert.Equal(("Maël Finistère", true, World.Worker29.PasswordHash), (stored.DisplayName, stored.IsActive, stored.PasswordHash));
        Assert.Equal([Roles.SocialWorker], await RolesAsync(World.Worker29));
        Assert.Empty(await Factory.AuditAsync());
    }

    [Fact]
    public async Task A_one_department_admin_sees_but_cannot_change_an_account_that_reaches_further()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync(Url(World.SuperAdmin));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("seul un administrateur de tous ces départements peut le modifier", page.Text);
        Assert.Null(page.Document.QuerySelector("main form"));

        var own = await client.GetAsync(Url(World.Worker56));
        page = await client.PostWithTokenAsync(own, Url(World.SuperAdmin) + "?handler=Deactivate");
        Assert.Contains("seul un administrateur de tous ces départements", page.Summary);
        page = await client.PostWithTokenAsync(own, $"/Admin/Users/ResetPassword/{World.SuperAdmin.Id}");
        Assert.Contains("seul un administrateur de tous ces départements", page.Summary);
        page = await client.PostWithTokenAsync(own, Url(World.SuperAdmin), ("Input.DisplayName", "Camille Admin"), ("Input.DepartmentId", Id(World.Cd56.Id)),
            ("Input.Roles", Roles.Admin), ("Stamp", World.SuperAdmin.ConcurrencyStamp!));
        Assert.Contains("seul un administrateur de tous ces départements", page.Summary);

        var stored = await StoredAsync(World.SuperAdmin);
        Assert.True(stored.IsActive);
        Assert.Equal(World.SuperAdmin.PasswordHash, stored.PasswordHash);
        Assert.Empty(await Factory.AuditAsync());
    }

    [Fact]
    public async Task Only_an_admin_of_both_departments_can_extend_an_admin_to_the_other()
    {
        var admin56 = await SignInAsync(World.Admin56);
        var form = await admin56.GetAsync(Url(World.Lead56));
        var page = await admin56.PostWithTokenAsync(form, Url(World.Lead56), ("Input.DisplayName", "Nadia Cadre"), ("Input.DepartmentId", Id(World.Cd56.Id)),
            ("Input.TeamId", Id(World.Vannes.Id)), ("Input.Roles", Roles.TeamLead), ("Input.Roles", Roles.Admin),
            ("Input.ExtraDepartmentIds", Id(World.Cd29.Id)), ("Stamp", form.ValueOf("Stamp")!));
        Assert.Equal("Vous ne pouvez donner accès qu'aux départements que vous administrez.", page.ErrorFor("Input.ExtraDepartmentIds"));
        Assert.Empty(await Factory.WithDbAsync(db => db.UserDepartmentGrants.Where(g => g.UserId == World.Lead56.Id).ToListAsync()));

        var super = await SignInAsync(World.SuperAdmin);
        page = await super.SubmitManyAsync(Url(World.Admin56), [("Input.ExtraDepartmentIds", Id(World.Cd29.Id))]);
        Assert.Equal("Les modifications du compte ont été enregistrées.", page.Flash);
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal("""{"ExtraDepartments": ["CD29"]}""", audit.After);

        // At their next sign-in the Morbihan admin now manages Finistère too.
        var widened = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.OK, (await widened.GetAsync(Url(World.Worker29))).Status);
    }
}
