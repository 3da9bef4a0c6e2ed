using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Interviews;

namespace RemoteSupport.Web.Tests.Pages.Rights;

public sealed class NoticeTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_notice_shows_the_department_texts_retention_and_approved_tools()
    {
        await InterviewData.AddToolAsync(Factory, World.Cd56.Id, "Visio Armorique");
        await Factory.WithDbAsync(async db =>
        {
            var d = await db.Departments.SingleAsync(x => x.Id == World.Cd56.Id);
            d.ChangeNotice("Conseil départemental du Morbihan, 2 rue de Saint-Tropez, Vannes", "dpo@morbihan.test", null, null);
            d.SetRetention(6, 18);
            await db.SaveChangesAsync();
        });
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        var page = await worker.GetAsync($"/Rights/Notice/{person.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var notice = page.Document.QuerySelector("article.notice")!.TextContent;
        Assert.Contains("Conseil départemental du Morbihan, 2 rue de Saint-Tropez, Vannes", notice);
        Assert.Contains("dpo@morbihan.test", notice);
        Assert.Contains("gardé 18 mois après votre dernier contact", notice);
        Assert.Contains("Les traces de consultation sont gardées 6 mois", notice);
        Assert.Contains("Visio Armorique — Hébergé par le département, sans enregistrement.", notice);
        Assert.Contains("la charte de confiance", notice);
        Assert.Contains("La notice n'a pas encore été remise à cette personne.", page.Text);
    }

    [Fact]
    public async Task Recording_how_the_notice_was_given_is_journaled_and_clears_the_attention_list()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        var home = await worker.GetAsync("/");
        Assert.Contains("Rozenn Kerjean", home.Document.QuerySelector(".notice-alerts")!.TextContent);

        var done = await worker.SubmitAsync($"/Rights/Notice/{person.Id}", new() { ["Input.Method"] = "ByPost", ["Input.GivenOn"] = "2026-11-20" });
        Assert.Equal("La remise de la notice d'information est enregistrée.", done.Flash);
        var stored = await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => new { p.NoticeGivenAt, p.NoticeMethod }).SingleAsync());
        Assert.Equal(NoticeMethod.ByPost, stored.NoticeMethod);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero), stored.NoticeGivenAt);
        var journal = await Factory.WithDbAsync(db => db.ActivityLog.SingleAsync(a => a.PersonId == person.Id && a.Kind == ActivityKind.NoticeGiven));
        Assert.Equal("Notice d'information envoyée par courrier le 20/11/2026.", journal.Description);
        Assert.Null((await worker.GetAsync("/")).Document.QuerySelector(".notice-alerts"));
    }

    [Fact]
    public async Task A_missing_method_or_a_future_date_is_explained_next_to_the_field()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        var page = await worker.SubmitAsync($"/Rights/Notice/{person.Id}", new() { ["Input.Method"] = "", ["Input.GivenOn"] = "2026-12-25" });
        Assert.Equal("Indiquez comment la notice a été remise.", page.ErrorFor("Input.Method"));
        Assert.Equal("La date de remise ne peut pas être dans le futur.", page.ErrorFor("Input.GivenOn"));
        Assert.Equal("2026-12-25", page.ValueOf("Input.GivenOn"));
        Assert.Null(await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.NoticeGivenAt).SingleAsync()));
    }

    [Fact]
    public async Task Another_department_or_another_team_gets_404()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        foreach (var user in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Rights/Notice/{person.Id}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Rights/Restrictions/{person.Id}")).Status);
        }
        var other = await SignInAsync(World.Worker29);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Rights/Notice?department={World.Cd56.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/Rights/Notice")).Status);
    }
}
