using System.Net;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Audit;

public sealed class IndexTests(AppFactory factory) : WebTest(factory)
{
    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task RecordAsync(Guid actor, DateTimeOffset at, AuditArea area, int? department, string name) =>
        Factory.WithDbAsync(async db =>
        {
            AuditTrail.Record(db, actor, at, area, AuditAction.Update, "0", department, new() { ["Name"] = name + " avant" }, new() { ["Name"] = name });
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Shows_the_changes_newest_first_with_a_readable_before_and_after()
    {
        var admin = await SignInAsync(World.Admin56);
        await admin.SubmitAsync($"/Admin/Users/Edit/{World.Worker56.Id}", new() { ["Input.TeamId"] = Id(World.Lorient.Id) });
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await admin.SubmitAsync($"/Admin/Departments/Teams/Edit/{World.Vannes.Id}", new() { ["Input.Name"] = "Pays de Vannes et Auray" });

        var page = await admin.GetAsync("/Admin/Audit");
        Assert.Contains("2 changement(s)", page.Text);
        var rows = page.Document.QuerySelectorAll("table.audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Équipes – Modification", rows[0]);
        Assert.Contains("Nom : Pays de Vannes → Pays de Vannes et Auray", Squash(rows[0]));
        Assert.Contains("23/11/2026 à 11:00", rows[0]);
        Assert.Contains("Utilisateurs – Modification", rows[1]);
        Assert.Contains("Léa Travailleuse", rows[1]);
        Assert.Contains("Équipe : Pays de Vannes → Pays de Lorient", Squash(rows[1]));
        Assert.Contains("Alain Admin", rows[1]);
    }

    [Fact]
    public async Task A_one_department_admin_sees_only_the_entries_of_that_department()
    {
        await RecordAsync(World.SuperAdmin.Id, TestClock.Start, AuditArea.Departments, World.Cd56.Id, "Morbihan modifié");
        await RecordAsync(World.SuperAdmin.Id, TestClock.Start, AuditArea.Departments, World.Cd29.Id, "Finistère modifié");
        await RecordAsync(World.SuperAdmin.Id, TestClock.Start, AuditArea.Departments, null, "Changement national");

        var admin56 = await SignInAsync(World.Admin56);
        var page = await admin56.GetAsync("/Admin/Audit");
        Assert.Contains("Morbihan modifié", page.Text);
        Assert.DoesNotContain("Finistère modifié", page.Text);
        Assert.DoesNotContain("Changement national", page.Text);
        page = await admin56.GetAsync($"/Admin/Audit?department={World.Cd29.Id}");
        Assert.Contains("0 changement(s)", page.Text);

        // Spanning every department, the super administrator also sees the entries without department...
        var super = await SignInAsync(World.SuperAdmin);
        page = await super.GetAsync("/Admin/Audit");
        Assert.Contains("3 changement(s)", page.Text);
        Assert.Contains("Changement national", page.Text);

        // ...until a department they do not administer exists.
        await Factory.WithDbAsync(async db =>
        {
            db.Departments.Add(new Department("CD35", "Ille-et-Vilaine"));
            await db.SaveChangesAsync();
        });
        page = await super.GetAsync("/Admin/Audit");
        Assert.Contains("2 changement(s)", page.Text);
        Assert.DoesNotContain("Changement national", page.Text);
    }

    [Fact]
    public async Task Filters_by_period_area_actor_and_department_and_pages_through()
    {
        var day1 = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var day2 = new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);
        await RecordAsync(World.Admin56.Id, day1, AuditArea.Teams, World.Cd56.Id, "Équipe du 2");
        await RecordAsync(World.SuperAdmin.Id, day2, AuditArea.VideoTools, World.Cd56.Id, "Outil du 10");
        await RecordAsync(World.SuperAdmin.Id, day2, AuditArea.Teams, World.Cd29.Id, "Équipe finistérienne");

        var client = await SignInAsync(World.SuperAdmin);
        var page = await client.GetAsync("/Admin/Audit?from=2026-11-05&to=2026-11-30");
        Assert.Contains("2 changement(s)", page.Text);
        Assert.DoesNotContain("Équipe du 2", page.Text);
        page = await client.GetAsync("/Admin/Audit?area=Teams");
        Assert.Contains("2 changement(s)", page.Text);
        Assert.DoesNotContain("Outil du 10", page.Text);
        page = await client.GetAsync($"/Admin/Audit?actor={World.Admin56.Id}");
        Assert.Contains("1 changement(s)", page.Text);
        Assert.Contains("Équipe du 2", page.Text);
        Assert.Contains("Alain Admin", page.Document.QuerySelector("#actor")!.TextContent);
        page = await client.GetAsync($"/Admin/Audit?department={World.Cd29.Id}");
        Assert.Contains("1 changement(s)", page.Text);
        Assert.Contains("Équipe finistérienne", page.Text);

        for (var i = 0; i < 55; i++) await RecordAsync(World.Admin56.Id, day2.AddMinutes(i), AuditArea.Users, World.Cd56.Id, $"Compte {i}");
        page = await client.GetAsync("/Admin/Audit?area=Users");
        Assert.Contains("55 changement(s)", page.Text);
        Assert.Contains("Page 1 sur 2", page.Text);
        Assert.Contains("Compte 54", page.Text);
        page = await client.GetAsync("/Admin/Audit?area=Users&page=2");
        Assert.Equal(5, page.Document.QuerySelectorAll("table.audit tbody tr").Length);
        Assert.Contains("Compte 0", page.Text);
    }

    [Fact]
    public async Task Odd_filters_fall_back_or_explain_instead_of_failing()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/Admin/Audit?from=2026-13-45&to=demain&actor=quelqu-un&department=zz&area=%3Cscript%3E&page=-4");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        page = await client.GetAsync("/Admin/Audit?from=2026-11-30&to=2026-11-01");
        Assert.Contains("La date de début de la période doit précéder sa date de fin.", page.Text);
        page = await client.GetAsync("/Admin/Audit?from=0001-01-01&to=9999-12-31");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("entre l'an 2000 et l'an 2100", page.Text);
    }

    private static string Squash(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\\s+", " ");
}
