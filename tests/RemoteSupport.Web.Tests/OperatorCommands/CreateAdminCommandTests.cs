using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Identity;
using AppCommands = RemoteSupport.Web.Infrastructure.Commands;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Admin;

namespace RemoteSupport.Web.Tests.OperatorCommands;

/// <summary>`dotnet RemoteSupport.Web.dll create-admin …` on a production database: empty, no demo data, no roles yet.</summary>
public sealed class CreateAdminCommandTests(AppFactory factory) : WebTest(factory)
{
    // An empty database, as after `migrate` on a real install: no World.
    public override async ValueTask InitializeAsync() => await Factory.ResetAsync();

    private async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        // The command line as the operator types it, through the app's own parser.
        var options = AppCommands.Options(["create-admin", .. args]);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await Factory.WithServicesAsync(s => AppCommands.CreateAdminAsync(s, options, output, errors));
        return (code, output.ToString(), errors.ToString());
    }

    private static string PasswordIn(string output) =>
        Regex.Match(output, "One-time password \\(to change at first sign-in\\): (\\S+)").Groups[1].Value;

    [Fact]
    public async Task Creates_the_first_administrator_who_must_choose_a_password_at_first_sign_in()
    {
        var (code, output, errors) = await RunAsync("--email", "prenom.nom@cd56.test", "--department", "cd56", "--department-name", "Morbihan", "--name", "Prénom Nom");
        Assert.Equal(0, code);
        Assert.Equal("", errors);
        var password = PasswordIn(output);
        Assert.True(password.Length >= 12, output);

        await Factory.WithDbAsync(async db =>
        {
            var department = await db.Departments.SingleAsync();
            Assert.Equal(("CD56", "Morbihan"), (department.Code, department.Name));
            // No demo data: nothing but the department and its administrator.
            Assert.False(await db.Teams.AnyAsync());
            Assert.False(await db.VideoTools.AnyAsync());
            Assert.False(await db.Persons.AnyAsync());
            var admin = await db.Users.SingleAsync();
            Assert.Equal(("Prénom Nom", department.Id, true, true), (admin.DisplayName, admin.DepartmentId, admin.MustChangePassword, admin.IsActive));
            var audit = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["Departments/Create", "Users/Create"], audit.Select(a => $"{a.Area}/{a.Action}"));
            Assert.All(audit, a => Assert.Equal((admin.Id, department.Id), (a.ActorId, a.DepartmentId)));
            Assert.All(audit, a => Assert.Contains("create-admin", a.After));
            Assert.All(audit, a => Assert.DoesNotContain(password, a.After));
        });

        // Signing in leads to the change-password page before anything else.
        var client = Anonymous();
        var page = await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = "prenom.nom@cd56.test", ["Input.Password"] = password });
        Assert.Equal("/Account/ChangePassword", page.Url.AbsolutePath);
        Assert.Contains("mot de passe provisoire", page.Text);
        Assert.Equal("/Account/ChangePassword", (await client.GetAsync("/Admin/Users")).Url.AbsolutePath);

        page = await client.SubmitFormAsync(page, new()
        {
            ["Input.CurrentPassword"] = password, ["Input.NewPassword"] = "Mon!NouveauSecret2026", ["Input.ConfirmPassword"] = "Mon!NouveauSecret2026",
        });
        // Then, as an administrator, they enrol an authenticator app before anything else (issue 15).
        Assert.Equal("/Account/TwoFactor", page.Url.AbsolutePath);
        await client.CompleteSecondFactorAsync(Factory, "prenom.nom@cd56.test", page);
        page = await client.GetAsync("/Admin/Users");
        Assert.Equal("/Admin/Users", page.Url.AbsolutePath);
        Assert.Contains("Prénom Nom", page.Text);
        // The first administrator spans every department there is, so they may create the next ones.
        Assert.Contains("Nouveau département", (await client.GetAsync("/Admin/Departments")).Text);
    }

    [Fact]
    public async Task Bad_options_are_refused_and_nothing_is_written()
    {
        Assert.Equal(2, (await RunAsync("--email", "x@cd56.test")).Code);
        var (code, _, errors) = await RunAsync("--email", "pas-une-adresse", "--department", "CD 56", "--name", "<b>Admin</b>");
        Assert.Equal(2, code);
        Assert.Contains("--email", errors);
        Assert.Contains("--department", errors);
        Assert.Contains("--name", errors);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Departments.CountAsync()));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_refused_account_leaves_no_department_behind()
    {
        Assert.Equal(0, (await RunAsync("--email", "admin@cd56.test", "--department", "CD56")).Code);
        var (code, _, errors) = await RunAsync("--email", "ADMIN@cd56.test", "--department", "CD29", "--department-name", "Finistère");
        Assert.Equal(1, code);
        Assert.Contains("existe déjà", errors);
        Assert.Equal(["CD56"], await Factory.WithDbAsync(db => db.Departments.Select(d => d.Code).ToListAsync()));
        Assert.Equal(2, (await Factory.AuditAsync()).Count);
    }
}

public sealed class CreateAdminOnExistingDataTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Joins_an_existing_department_and_can_span_all_of_them()
    {
        var options = AppCommands.Options(["create-admin", "--email", "national@cd29.test", "--department", "CD29", "--all-departments"]);
        using var output = new StringWriter();
        var code = await Factory.WithServicesAsync(s => AppCommands.CreateAdminAsync(s, options, output, TextWriter.Null));
        Assert.Equal(0, code);
        await Factory.WithDbAsync(async db =>
        {
            Assert.Equal(2, await db.Departments.CountAsync());
            var admin = await db.Users.Include(u => u.ExtraDepartments).SingleAsync(u => u.Email == "national@cd29.test");
            Assert.Equal(World.Cd29.Id, admin.DepartmentId);
            Assert.Equal([World.Cd56.Id], admin.ExtraDepartments.Select(g => g.DepartmentId));
            Assert.True(await db.UserRoles.AnyAsync(ur => ur.UserId == admin.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));
        });
    }
}
