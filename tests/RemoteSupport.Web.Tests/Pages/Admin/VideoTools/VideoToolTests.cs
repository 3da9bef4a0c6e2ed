using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.VideoTools;

public sealed class IndexTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Lists_the_tools_of_the_admin_departments_only()
    {
        await VideoToolData.AddAsync(Factory, World.Cd56, "Visio départementale");
        await VideoToolData.AddAsync(Factory, World.Cd29, "Visio finistérienne");
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/Admin/VideoTools");
        Assert.Contains("Visio départementale", page.Text);
        Assert.Contains("Lien valable pour un seul entretien", page.Text);
        Assert.DoesNotContain("Visio finistérienne", page.Text);

        var super = await SignInAsync(World.SuperAdmin);
        Assert.Contains("Visio finistérienne", (await super.GetAsync("/Admin/VideoTools")).Text);
    }
}

public sealed class CreateTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Adds_an_approved_tool_with_its_privacy_note()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.SubmitAsync($"/Admin/VideoTools/Create/{World.Cd56.Id}",
            new() { ["Input.Name"] = "Visio de l'État", ["Input.PrivacyNote"] = "Hébergée en France ; aucun enregistrement." });
        Assert.Equal("L'outil de visioconférence a été ajouté.", page.Flash);
        var tool = await Factory.WithDbAsync(db => db.VideoTools.AsNoTracking().SingleAsync());
        Assert.Equal((World.Cd56.Id, "Visio de l'État", true), (tool.DepartmentId, tool.Name, tool.IsActive));
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditArea.VideoTools, AuditAction.Create, tool.Id.ToString(), World.Cd56.Id), (audit.Area, audit.Action, audit.EntityId, audit.DepartmentId));
    }

    [Fact]
    public async Task Bad_input_is_refused_in_French()
    {
        var client = await SignInAsync(World.Admin56);
        var url = $"/Admin/VideoTools/Create/{World.Cd56.Id}";
        var page = await client.SubmitAsync(url, new() { ["Input.Name"] = "", ["Input.PrivacyNote"] = "" });
        Assert.Equal("Saisissez le nom de l'outil.", page.ErrorFor("Input.Name"));
        Assert.StartsWith("Écrivez la note de confidentialité", page.ErrorFor("Input.PrivacyNote"));
        page = await client.SubmitAsync(url, new() { ["Input.Name"] = new string('v', 81), ["Input.PrivacyNote"] = new string('n', 501), ["Input.IsActive"] = "peut-être" });
        Assert.Equal("Le nom de l'outil ne peut pas dépasser 80 caractères.", page.ErrorFor("Input.Name"));
        Assert.Equal("La note de confidentialité ne peut pas dépasser 500 caractères.", page.ErrorFor("Input.PrivacyNote"));
        Assert.Equal("Cochez la case ou laissez-la vide.", page.ErrorFor("Input.IsActive"));
        page = await client.SubmitAsync(url, new() { ["Input.Name"] = "<img src=x>", ["Input.PrivacyNote"] = "Note\u0007" });
        Assert.Equal("Le nom de l'outil contient des caractères non autorisés.", page.ErrorFor("Input.Name"));
        Assert.Equal("La note de confidentialité contient des caractères non autorisés.", page.ErrorFor("Input.PrivacyNote"));
        Assert.False(await Factory.WithDbAsync(db => db.VideoTools.AnyAsync()));
    }

    [Fact]
    public async Task Another_department_answers_404()
    {
        var client = await SignInAsync(World.Admin56);
        var url = $"/Admin/VideoTools/Create/{World.Cd29.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).Status);
        var own = await client.GetAsync($"/Admin/VideoTools/Create/{World.Cd56.Id}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync(own, url, ("Input.Name", "Intrus"), ("Input.PrivacyNote", "Note"))).Status);
        Assert.False(await Factory.WithDbAsync(db => db.VideoTools.AnyAsync()));
    }
}

public sealed class EditTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Deactivating_a_tool_keeps_it_and_records_the_change()
    {
        var tool = await VideoToolData.AddAsync(Factory, World.Cd56, "Visio départementale");
        var client = await SignInAsync(World.Admin56);
        var form = await client.GetAsync($"/Admin/VideoTools/Edit/{tool.Id}");
        Assert.Equal("true", form.Document.QuerySelector("input[name='Input.IsActive'][type=checkbox]")!.GetAttribute("value"));
        var page = await client.SubmitFormManyAsync(form, [("Input.IsActive", "false")]);
        Assert.Equal("L'outil de visioconférence a été enregistré.", page.Flash);
        Assert.Contains("Désactivé", page.Text);
        Assert.False(await Factory.WithDbAsync(db => db.VideoTools.Where(t => t.Id == tool.Id).Select(t => t.IsActive).SingleAsync()));
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditAction.Deactivate, """{"IsActive": true}""", """{"IsActive": false}"""), (audit.Action, audit.Before, audit.After));
    }

    [Fact]
    public async Task A_tool_used_by_an_interview_cannot_be_deleted_but_an_unused_one_can()
    {
        var used = await VideoToolData.AddAsync(Factory, World.Cd56, "Visio départementale");
        var unused = await VideoToolData.AddAsync(Factory, World.Cd56, "Ajout par erreur");
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await Factory.WithDbAsync(async db =>
        {
            await TestInterviews.ArrangeAsync(db, person, World.Worker56.Id, Modality.Video, TestClock.Start.AddDays(1),
                plan: p => p with { VideoToolId = used.Id }, createdAt: TestClock.Start);
            await db.SaveChangesAsync();
        });

        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync($"/Admin/VideoTools/Edit/{used.Id}");
        Assert.Contains("a servi à 1 entretien(s)", page.Text);
        Assert.DoesNotContain("Supprimer l'outil</button>", page.Html);
        page = await client.PostWithTokenAsync(page, $"/Admin/VideoTools/Edit/{used.Id}?handler=Delete");
        Assert.Contains("il ne peut pas être supprimé", page.Summary);
        Assert.True(await Factory.WithDbAsync(db => db.VideoTools.AnyAsync(t => t.Id == used.Id)));

        page = await client.SubmitAsync($"/Admin/VideoTools/Edit/{unused.Id}", [], "form[action$='handler=Delete']");
        Assert.Equal("L'outil de visioconférence a été supprimé.", page.Flash);
        Assert.False(await Factory.WithDbAsync(db => db.VideoTools.AnyAsync(t => t.Id == unused.Id)));
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditAction.Delete, (string?)null), (audit.Action, audit.After));
        Assert.Contains("Ajout par erreur", audit.Before);
    }

    [Fact]
    public async Task A_tool_of_another_department_answers_404_and_stays_unchanged()
    {
        var foreign = await VideoToolData.AddAsync(Factory, World.Cd29, "Visio finistérienne");
        var own = await VideoToolData.AddAsync(Factory, World.Cd56, "Visio départementale");
        var client = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Admin/VideoTools/Edit/{foreign.Id}")).Status);
        var form = await client.GetAsync($"/Admin/VideoTools/Edit/{own.Id}");
        foreach (var handler in new[] { "", "?handler=Delete" })
        {
            var page = await client.PostWithTokenAsync(form, $"/Admin/VideoTools/Edit/{foreign.Id}{handler}",
                ("Input.Name", "Piraté"), ("Input.PrivacyNote", "Piraté"), ("Input.IsActive", "false"));
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
        }
        var stored = await Factory.WithDbAsync(db => db.VideoTools.AsNoTracking().SingleAsync(t => t.Id == foreign.Id));
        Assert.Equal(("Visio finistérienne", true), (stored.Name, stored.IsActive));
        Assert.Empty(await Factory.AuditAsync());
    }
}

internal static class VideoToolData
{
    public static Task<VideoTool> AddAsync(AppFactory factory, Department department, string name) =>
        factory.WithDbAsync(async db =>
        {
            var tool = new VideoTool { DepartmentId = department.Id, Name = name, PrivacyNote = "Lien valable pour un seul entretien." };
            db.VideoTools.Add(tool);
            await db.SaveChangesAsync();
            return tool;
        });
}
