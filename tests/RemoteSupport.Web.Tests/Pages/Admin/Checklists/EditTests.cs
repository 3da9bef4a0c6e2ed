using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Checklists;

public sealed class EditTests(AppFactory factory) : WebTest(factory)
{
    private Task<ChecklistTemplate> PublishedAsync(int departmentId, Modality modality = Modality.Phone, params string[] texts) =>
        Factory.WithDbAsync(async db =>
        {
            var t = ChecklistTemplate.Draft(departmentId, modality, 1);
            foreach (var text in texts.Length > 0 ? texts : ["Lieu calme des deux côtés", "Consentement recueilli"])
                t.AddItem(ChecklistPhase.Before, text, true, null);
            t.PublishAsInstalledDefault(TestClock.Start.AddDays(-30));
            db.ChecklistTemplates.Add(t);
            await db.SaveChangesAsync();
            return t;
        });

    private string EditUrl(int departmentId, Modality modality = Modality.Phone) => $"/Admin/Checklists/Edit/{departmentId}/{modality}";

    private Task<List<ChecklistTemplate>> TemplatesAsync(int departmentId, Modality modality = Modality.Phone) =>
        Factory.WithDbAsync(db => db.ChecklistTemplates.Include(t => t.Items)
            .Where(t => t.DepartmentId == departmentId && t.Modality == modality).OrderBy(t => t.Version).ToListAsync());

    [Fact]
    public async Task An_admin_edits_an_item_in_a_draft_and_publishes_a_new_version()
    {
        var v1 = await PublishedAsync(World.Cd56.Id);
        var admin = await SignInAsync(World.Admin56);

        var page = await admin.SubmitAsync(EditUrl(World.Cd56.Id), [], "form[action*='handler=CreateDraft']");
        Assert.Equal("Un brouillon a été créé à partir de la version en vigueur.", page.Flash);

        var draft = (await TemplatesAsync(World.Cd56.Id)).Single(t => t.PublishedAt == null);
        var first = draft.Items.OrderBy(i => i.Order).First();
        page = await admin.SubmitFormAsync(page, new() { ["Item.Text"] = "Lieu calme et confidentiel des deux côtés", ["Item.HelpText"] = "Demander si quelqu'un écoute." },
            $"form[action*='itemId={first.Id}'][action*='handler=Update']");
        Assert.Equal("L'élément a été modifié.", page.Flash);

        page = await admin.SubmitFormAsync(page, [], "form[action*='handler=Publish']");
        Assert.Contains("nouvelle version est publiée", page.Flash);

        var templates = await TemplatesAsync(World.Cd56.Id);
        Assert.Equal([1, 2], templates.Select(t => t.Version));
        Assert.All(templates, t => Assert.NotNull(t.PublishedAt));
        Assert.Equal("Lieu calme des deux côtés", templates[0].Items.OrderBy(i => i.Order).First().Text);
        var published = templates[1].Items.OrderBy(i => i.Order).First();
        Assert.Equal("Lieu calme et confidentiel des deux côtés", published.Text);
        Assert.Equal("Demander si quelqu'un écoute.", published.HelpText);
        Assert.True(published.Required);
        Assert.Contains("Version 2 en vigueur", page.Text);

        var older = await admin.GetAsync($"/Admin/Checklists/Version/{v1.Id}");
        Assert.Contains("Lieu calme des deux côtés", older.Text);
    }

    [Fact]
    public async Task An_interview_already_scheduled_keeps_the_version_it_was_prepared_with()
    {
        var v1 = await PublishedAsync(World.Cd56.Id);
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interviewId = await Factory.WithDbAsync(async db =>
        {
            var template = await db.ChecklistTemplates.Include(t => t.Items).SingleAsync(t => t.Id == v1.Id);
            var interview = await TestInterviews.ArrangeAsync(db, person, World.Worker56.Id, Modality.Phone, TestClock.Start.AddDays(2),
                template: template, createdAt: TestClock.Start);
            await db.SaveChangesAsync();
            return interview.Id;
        });
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync(EditUrl(World.Cd56.Id), [], "form[action*='handler=CreateDraft']");
        page = await admin.SubmitFormAsync(page, new() { ["NewItem.Phase"] = "During", ["NewItem.Text"] = "Reformuler ce qui a été compris" }, "form[action*='handler=Add']");
        await admin.SubmitFormAsync(page, [], "form[action*='handler=Publish']");

        var items = await Factory.WithDbAsync(db => db.InterviewChecklistItems.Where(i => i.InterviewId == interviewId).OrderBy(i => i.Phase).ThenBy(i => i.Order).Select(i => i.Text).ToListAsync());
        Assert.Equal(["Lieu calme des deux côtés", "Consentement recueilli"], items);
    }

    [Fact]
    public async Task Items_are_reordered_with_buttons_and_removed()
    {
        await PublishedAsync(World.Cd56.Id, Modality.Phone, "Premier", "Deuxième", "Troisième");
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync(EditUrl(World.Cd56.Id), [], "form[action*='handler=CreateDraft']");
        var draft = (await TemplatesAsync(World.Cd56.Id)).Single(t => t.PublishedAt == null);
        var third = draft.Items.Single(i => i.Text == "Troisième");

        page = await admin.SubmitFormAsync(page, [], $"form[action*='handler=Move'][action*='itemId={third.Id}'][action*='delta=-1']");
        Assert.Equal("L'ordre a été modifié.", page.Flash);
        var first = draft.Items.Single(i => i.Text == "Premier");
        page = await admin.SubmitFormAsync(page, [], $"form[action*='handler=Remove'][action*='itemId={first.Id}']");
        Assert.Equal("L'élément a été retiré du brouillon.", page.Flash);

        var after = (await TemplatesAsync(World.Cd56.Id)).Single(t => t.PublishedAt == null).Items.OrderBy(i => i.Order).Select(i => (i.Text, i.Order));
        Assert.Equal([("Troisième", 1), ("Deuxième", 2)], after);
    }

    [Fact]
    public async Task An_empty_item_gets_a_message_next_to_its_field_and_nothing_is_added()
    {
        await PublishedAsync(World.Cd56.Id);
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync(EditUrl(World.Cd56.Id), [], "form[action*='handler=CreateDraft']");
        page = await admin.SubmitFormAsync(page, new() { ["NewItem.Phase"] = "After", ["NewItem.Text"] = "  ", ["NewItem.HelpText"] = "Aide conservée" }, "form[action*='handler=Add']");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Saisissez le texte de l'élément.", page.ErrorFor("NewItem.Text"));
        Assert.Equal("Aide conservée", page.ValueOf("NewItem.HelpText"));

        page = await admin.SubmitFormAsync(page, new() { ["NewItem.Phase"] = "Whenever", ["NewItem.Text"] = "<script>x</script>" }, "form[action*='handler=Add']");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("caractères non autorisés", page.ErrorFor("NewItem.Text"));
        Assert.Equal(2, (await TemplatesAsync(World.Cd56.Id)).Single(t => t.PublishedAt == null).Items.Count);
    }

    [Fact]
    public async Task A_draft_can_copy_another_department_or_return_to_the_default()
    {
        await PublishedAsync(World.Cd56.Id);
        await PublishedAsync(World.Cd29.Id, Modality.Phone, "Spécifique au Finistère");
        var admin = await SignInAsync(World.SuperAdmin);
        var page = await admin.SubmitAsync(EditUrl(World.Cd56.Id), [], "form[action*='handler=CreateDraft']");

        page = await admin.SubmitFormAsync(page, new() { ["CopyFromDepartmentId"] = World.Cd29.Id.ToString() }, "form[action*='handler=Copy']");
        Assert.Contains("reprend désormais la liste de l'autre département", page.Flash);
        Assert.Equal(["Spécifique au Finistère"], (await TemplatesAsync(World.Cd56.Id)).Single(t => t.PublishedAt == null).Items.Select(i => i.Text));

        page = await admin.SubmitFormAsync(page, [], "form[action*='handler=Reset']");
        Assert.Contains("liste proposée par défaut", page.Flash);
        var expected = DefaultChecklists.For(World.Cd56.Id, Modality.Phone, 1, null).Items.OrderBy(i => i.Phase).ThenBy(i => i.Order).Select(i => i.Text);
        var actual = (await TemplatesAsync(World.Cd56.Id)).Single(t => t.PublishedAt == null).Items.OrderBy(i => i.Phase).ThenBy(i => i.Order).Select(i => i.Text);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_change_made_over_a_stale_page_is_refused_and_explained()
    {
        await PublishedAsync(World.Cd56.Id);
        var first = await SignInAsync(World.Admin56);
        var second = await SignInAsync(World.SuperAdmin);
        await first.SubmitAsync(EditUrl(World.Cd56.Id), [], "form[action*='handler=CreateDraft']");
        var stale = await second.GetAsync(EditUrl(World.Cd56.Id));

        await first.SubmitAsync(EditUrl(World.Cd56.Id), new() { ["NewItem.Phase"] = "Before", ["NewItem.Text"] = "Ajouté par le premier" }, "form[action*='handler=Add']");
        var refused = await second.SubmitFormAsync(stale, [], "form[action*='handler=Publish']");

        Assert.Contains("Un autre administrateur a modifié ce brouillon", refused.Summary);
        Assert.All(await TemplatesAsync(World.Cd56.Id), t => Assert.True(t.Version == 1 || t.PublishedAt == null));
        // The refused page shows the draft as it is now, ready for the next change.
        Assert.NotNull(refused.Document.QuerySelector("input[name='Item.Text'][value='Ajouté par le premier']"));
    }

    [Fact]
    public async Task Every_change_is_written_to_the_audit_trail()
    {
        await PublishedAsync(World.Cd56.Id);
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync(EditUrl(World.Cd56.Id), [], "form[action*='handler=CreateDraft']");
        page = await admin.SubmitFormAsync(page, new() { ["NewItem.Phase"] = "After", ["NewItem.Text"] = "Noter les suites" }, "form[action*='handler=Add']");
        await admin.SubmitFormAsync(page, [], "form[action*='handler=Publish']");

        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Area == AuditArea.Checklists).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditAction.CreateDraft, AuditAction.AddItem, AuditAction.Publish], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(World.Admin56.Id, a.ActorId));
        Assert.All(audit, a => Assert.Equal(World.Cd56.Id, a.DepartmentId));
        Assert.Contains("Noter les suites", audit[1].After);
    }

    [Fact]
    public async Task A_one_department_admin_cannot_reach_another_departments_checklists()
    {
        var other = await PublishedAsync(World.Cd29.Id);
        var admin = await SignInAsync(World.Admin56);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(EditUrl(World.Cd29.Id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Checklists/Version/{other.Id}")).Status);
        var index = await admin.GetAsync("/Admin/Checklists");
        Assert.DoesNotContain("Finistère", index.Text);

        // A forged post for the other department, with the admin's own valid token, creates nothing.
        var ownEdit = await admin.GetAsync(EditUrl(World.Cd56.Id));
        var token = ownEdit.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value");
        var forged = await admin.PostAsync(EditUrl(World.Cd29.Id) + "?handler=CreateDraft", [("__RequestVerificationToken", token!)]);
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Single(await TemplatesAsync(World.Cd29.Id));
    }

    [Fact]
    public async Task Social_workers_and_team_leads_are_refused_with_403()
    {
        await PublishedAsync(World.Cd56.Id);
        foreach (var user in new[] { World.Worker56, World.Lead56 })
        {
            var client = await SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Admin/Checklists")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(EditUrl(World.Cd56.Id))).Status);
        }
    }

    [Fact]
    public async Task An_unknown_modality_in_the_address_is_not_found()
    {
        var admin = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Checklists/Edit/{World.Cd56.Id}/Pigeon")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Checklists/Edit/{World.Cd56.Id}/42")).Status);
    }
}
