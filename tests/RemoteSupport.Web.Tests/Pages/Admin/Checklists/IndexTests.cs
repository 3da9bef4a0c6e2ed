using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Checklists;

public sealed class IndexTests(AppFactory factory) : WebTest(factory)
{
    private Task SeedDefaultsAsync(int departmentId) =>
        Factory.WithDbAsync(async db =>
        {
            db.ChecklistTemplates.AddRange(DefaultChecklists.For(departmentId, TestClock.Start.AddDays(-20)));
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task The_current_version_reads_as_a_sentence_not_as_a_raw_pattern()
    {
        await SeedDefaultsAsync(World.Cd56.Id);
        var phoneItems = DefaultChecklists.For(World.Cd56.Id, Modality.Phone, 1, null).Items.Count;
        var admin = await SignInAsync(World.Admin56);

        var page = await admin.GetAsync("/Admin/Checklists");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("{0}", page.Text);
        Assert.DoesNotContain("{1}", page.Text);
        var phone = page.Document.QuerySelectorAll("table.list tbody tr").Single(r => r.TextContent.Contains("Téléphone"));
        Assert.Contains($"version 1 du 03/11/2026 ({phoneItems} éléments)", phone.TextContent);
    }

    [Fact]
    public async Task Sms_has_no_checklist_to_edit_because_no_interview_would_use_it()
    {
        await SeedDefaultsAsync(World.Cd56.Id);
        // A list created before SMS left the administration stays in the database, out of sight and unused.
        var oldSms = await Factory.WithDbAsync(async db =>
        {
            var t = ChecklistTemplate.Draft(World.Cd56.Id, Modality.Phone, 9);
            t.AddItem(ChecklistPhase.Before, "Ancienne liste SMS", true, null);
            t.PublishAsInstalledDefault(TestClock.Start.AddDays(-400));
            db.ChecklistTemplates.Add(t);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"""UPDATE "ChecklistTemplates" SET "Modality" = 'Sms' WHERE "Id" = {t.Id}""");
            return t.Id;
        });
        var admin = await SignInAsync(World.Admin56);

        var index = await admin.GetAsync("/Admin/Checklists");
        var modalities = index.Document.QuerySelectorAll("table.list tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Téléphone", "Audioconférence", "Visioconférence", "Séance de groupe"], modalities);
        Assert.DoesNotContain("SMS", index.Text);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Checklists/Edit/{World.Cd56.Id}/Sms")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Checklists/Version/{oldSms}")).Status);
        var own = await admin.GetAsync($"/Admin/Checklists/Edit/{World.Cd56.Id}/Phone");
        var forged = await admin.PostWithTokenAsync(own, $"/Admin/Checklists/Edit/{World.Cd56.Id}/Sms?handler=CreateDraft");
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ChecklistTemplates.CountAsync(t => t.Modality == Modality.Sms)));
    }

    [Fact]
    public async Task Every_version_says_who_published_it()
    {
        await SeedDefaultsAsync(World.Cd56.Id);
        var admin = await SignInAsync(World.Admin56);
        var url = $"/Admin/Checklists/Edit/{World.Cd56.Id}/Video";
        var page = await admin.SubmitAsync(url, [], "form[action*='handler=CreateDraft']");
        page = await admin.SubmitFormAsync(page, [], "form[action*='handler=Publish']");

        var versions = page.Document.QuerySelector("section[aria-labelledby=versions-title]")!.TextContent;
        Assert.Contains("Version 2 publiée le 23/11/2026 à 10:00 par Alain Admin", Squash(versions));
        Assert.Contains("Version 1 publiée le 03/11/2026 à 10:00 : liste par défaut, installée avec l'application", Squash(versions));
        Assert.DoesNotContain("par —", versions);

        var ids = await Factory.WithDbAsync(db => db.ChecklistTemplates.Where(t => t.DepartmentId == World.Cd56.Id && t.Modality == Modality.Video)
            .OrderBy(t => t.Version).Select(t => t.Id).ToListAsync());
        Assert.Contains("Publiée le 03/11/2026 à 10:00 : liste par défaut, installée avec l'application.", (await admin.GetAsync($"/Admin/Checklists/Version/{ids[0]}")).Text);
        Assert.Contains("Publiée le 23/11/2026 à 10:00 par Alain Admin.", (await admin.GetAsync($"/Admin/Checklists/Version/{ids[1]}")).Text);
    }

    private static string Squash(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\\s+", " ");
}
