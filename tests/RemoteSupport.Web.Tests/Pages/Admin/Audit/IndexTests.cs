using System.Net;
using Microsoft.EntityFrameworkCore;
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

    private static readonly System.Text.RegularExpressions.Regex GuidLike = new("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /// <summary>What a person reads in the table: French words, no id, no JSON, no English key.</summary>
    private static void AssertReadable(string table)
    {
        Assert.DoesNotMatch(GuidLike, table);
        Assert.DoesNotContain("{", table);
        Assert.DoesNotContain("\"", table);
        foreach (var english in new[] { "Checklists", "CreateDraft", "AddItem", "UpdateItem", "MoveItem", "RemoveItem", "CopyFromDepartment",
                     "ResetToDefault", "Publish", "DiscardDraft", "itemId", "delta", "FromDepartmentId", "Replaced", "HelpText", "Required", "Before", "During" })
            Assert.DoesNotContain(english, table);
    }

    [Fact]
    public async Task Checklist_changes_go_through_the_audit_and_read_in_french_with_their_own_filter()
    {
        var template = await Factory.WithDbAsync(async db =>
        {
            var t = Domain.Checklists.ChecklistTemplate.Draft(World.Cd56.Id, Domain.Common.Modality.Phone, 1);
            t.AddItem(Domain.Checklists.ChecklistPhase.Before, "Lieu calme", true, null);
            t.AddItem(Domain.Checklists.ChecklistPhase.Before, "Numéro vérifié", false, null);
            t.PublishAsInstalledDefault(TestClock.Start.AddDays(-20));
            db.ChecklistTemplates.Add(t);
            await db.SaveChangesAsync();
            return t;
        });
        await RecordAsync(World.Admin56.Id, TestClock.Start.AddDays(-1), AuditArea.Teams, World.Cd56.Id, "Une équipe");
        var admin = await SignInAsync(World.Admin56);
        var url = $"/Admin/Checklists/Edit/{World.Cd56.Id}/Phone";
        var page = await admin.SubmitAsync(url, [], "form[action*='handler=CreateDraft']");
        page = await admin.SubmitFormAsync(page, new() { ["NewItem.Phase"] = "After", ["NewItem.Text"] = "Noter les suites" }, "form[action*='handler=Add']");
        var draft = await Factory.WithDbAsync(db => db.ChecklistTemplates.Include(t => t.Items).SingleAsync(t => t.Version == 2));
        var first = draft.Items.Single(i => i.Text == "Lieu calme");
        var second = draft.Items.Single(i => i.Text == "Numéro vérifié");
        page = await admin.SubmitFormAsync(page, new() { ["Item.Text"] = "Lieu calme et confidentiel", ["Item.Required"] = "false" },
            $"form[action*='itemId={first.Id}'][action*='handler=Update']");
        page = await admin.SubmitFormAsync(page, [], $"form[action*='handler=Move'][action*='itemId={second.Id}'][action*='delta=-1']");
        await admin.SubmitFormAsync(page, [], "form[action*='handler=Publish']");

        var audit = await admin.GetAsync("/Admin/Audit?area=Checklists");
        Assert.Contains("5 changement(s)", audit.Text);
        Assert.Contains("Listes de contrôle", audit.Document.QuerySelector("#area")!.TextContent);
        var rows = audit.Document.QuerySelectorAll("table.audit tbody tr").Select(r => Squash(r.TextContent)).ToList();
        Assert.All(rows, r => Assert.Contains("Liste « Téléphone », version 2", r));
        Assert.All(rows, r => Assert.Contains("Alain Admin", r));
        Assert.Contains("Listes de contrôle – Publication", rows[0]);
        Assert.Contains("Nombre d'éléments : — → 3", rows[0]);
        Assert.Contains("Listes de contrôle – Élément déplacé", rows[1]);
        Assert.Contains("Élément : Numéro vérifié", rows[1]);
        Assert.Contains("Position : 2 → 1", rows[1]);
        Assert.Contains("Listes de contrôle – Élément modifié", rows[2]);
        Assert.Contains("Élément : Lieu calme", rows[2]);
        Assert.Contains("Texte : Lieu calme → Lieu calme et confidentiel", rows[2]);
        Assert.Contains("Obligatoire : oui → non", rows[2]);
        Assert.Contains("Listes de contrôle – Élément ajouté", rows[3]);
        Assert.Contains("Phase : — → Après", rows[3]);
        Assert.Contains("Texte : — → Noter les suites", rows[3]);
        Assert.Contains("Listes de contrôle – Nouveau brouillon", rows[4]);
        Assert.Contains("Reprise de la version : — → 1", rows[4]);
        AssertReadable(audit.Document.QuerySelector("table.audit")!.TextContent);
        Assert.DoesNotContain("Une équipe", audit.Text);
    }

    [Fact]
    public async Task Entries_written_before_the_audit_writer_took_checklists_stay_readable()
    {
        var (templateId, itemId) = await Factory.WithDbAsync(async db =>
        {
            var t = Domain.Checklists.ChecklistTemplate.Draft(World.Cd56.Id, Domain.Common.Modality.Video, 2);
            var item = t.AddItem(Domain.Checklists.ChecklistPhase.Before, "Plan B prêt", true, null);
            db.ChecklistTemplates.Add(t);
            await db.SaveChangesAsync();
            return (t.Id, item.Id);
        });
        var removedTemplate = Guid.NewGuid();
        var at = TestClock.Start.AddDays(-3);
        // Rows as the checklist page wrote them itself, before: English keys, ids and nested JSON.
        await Factory.WithDbAsync(async db =>
        {
            void Old(AuditAction action, Guid entity, string? before, string? after, int minutes) => db.AuditEntries.Add(
                AuditEntry.Of(World.Cd56.Id, World.SuperAdmin.Id, at.AddMinutes(minutes), AuditArea.Checklists, action, entity.ToString(), before, after));
            Old(AuditAction.CreateDraft, templateId, null, """{"Version":2,"FromVersion":1}""", 1);
            Old(AuditAction.UpdateItem, templateId, null, $$$"""{"before":{"Id":"{{{itemId}}}","Phase":"Before","Order":1,"Text":"Plan B","Required":true,"HelpText":null},"after":{"Id":"{{{itemId}}}","Phase":"Before","Order":1,"Text":"Plan B prêt","Required":true,"HelpText":null}}""", 2);
            Old(AuditAction.MoveItem, templateId, null, $$"""{"itemId":"{{itemId}}","delta":-1}""", 3);
            Old(AuditAction.CopyFromDepartment, templateId, null, $$"""{"FromDepartmentId":{{World.Cd29.Id}},"FromVersion":4,"Replaced":6}""", 4);
            Old(AuditAction.ResetToDefault, templateId, null, "5", 5);
            Old(AuditAction.DiscardDraft, removedTemplate, """{"Version":3,"Items":7}""", null, 6);
            await db.SaveChangesAsync();
        });

        var super = await SignInAsync(World.SuperAdmin);
        var page = await super.GetAsync("/Admin/Audit?area=Checklists");
        Assert.Contains("6 changement(s)", page.Text);
        var rows = page.Document.QuerySelectorAll("table.audit tbody tr").Select(r => Squash(r.TextContent)).ToList();
        Assert.Contains("Brouillon abandonné", rows[0]);
        Assert.Contains("Brouillon de la version 3, abandonné depuis", rows[0]);
        Assert.Contains("Retour à la liste par défaut", rows[1]);
        Assert.Contains("Éléments remplacés : — → 5", rows[1]);
        Assert.Contains("Copie de la liste d'un autre département", rows[2]);
        Assert.Contains("Copiée depuis : — → CD29 – Finistère", rows[2]);
        Assert.Contains("Éléments remplacés : — → 6", rows[2]);
        Assert.Contains("Élément : — → Plan B prêt", rows[3]);
        Assert.Contains("Déplacement : — → vers le haut", rows[3]);
        Assert.Contains("Texte : Plan B → Plan B prêt", rows[4]);
        Assert.DoesNotContain("Obligatoire", rows[4]);
        Assert.Contains("Reprise de la version : — → 1", rows[5]);
        Assert.All(rows.Skip(1), r => Assert.Contains("Liste « Visioconférence », version 2", r));
        AssertReadable(page.Document.QuerySelector("table.audit")!.TextContent);
    }

    private static string Squash(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\\s+", " ");
}
