using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Persons;

namespace RemoteSupport.Web.Tests.Pages.Rights;

public sealed class RestrictionsTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task An_objection_to_messages_is_recorded_journaled_and_answered_by_the_domain()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        var page = await worker.SubmitAsync($"/Rights/Restrictions/{person.Id}", new(), "form[action*='handler=Object']");
        Assert.Equal("L'opposition aux messages est enregistrée : aucun message ne partira plus pour cette personne.", page.Flash);
        var stored = await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id));
        Assert.False(stored.MayReceiveMessages);
        Assert.Contains("Opposition aux messages", (await worker.GetAsync($"/Persons/Details/{person.Id}")).Document.QuerySelector(".rights-panel")!.TextContent);
        await worker.SubmitAsync($"/Rights/Restrictions/{person.Id}", new(), "form[action*='handler=LiftObjection']");
        Assert.True((await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id))).MayReceiveMessages);
        var kinds = await Factory.WithDbAsync(db => db.ActivityLog.Where(a => a.PersonId == person.Id).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
        Assert.Equal([ActivityKind.MessagesObjected, ActivityKind.MessagesObjectionLifted], kinds);
    }

    [Fact]
    public async Task A_restricted_file_refuses_every_change_from_any_page_until_the_restriction_is_lifted()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        await worker.SubmitAsync($"/Rights/Restrictions/{person.Id}", new(), "form[action*='handler=Restrict']");

        // The edit page knows nothing of restrictions: the save guard refuses, the user lands back on the file with the reason.
        var edit = await worker.SubmitManyAsync($"/Persons/Edit/{person.Id}", PersonForm.Complete(("Input.LastName", "Changé")));
        Assert.Equal("Le traitement de ce dossier est limité (ou le dossier est anonymisé) : il se consulte mais ne se modifie plus. Rien n'a été enregistré.", edit.Flash);
        var close = await worker.SubmitAsync($"/Persons/Details/{person.Id}", new() { ["Input.Reason"] = "Déménagement" }, "form[action*='/Persons/Close']");
        Assert.Contains("ne se modifie plus", close.Flash);
        var stored = await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(("Kerjean", RemoteSupport.Domain.Persons.PersonStatus.Active), (stored.LastName, stored.Status));
        // Reading stays possible, and is traced.
        Assert.Contains("Traitement limité", (await worker.GetAsync($"/Persons/Details/{person.Id}")).Text);

        await worker.SubmitAsync($"/Rights/Restrictions/{person.Id}", new(), "form[action*='handler=LiftRestriction']");
        await worker.SubmitManyAsync($"/Persons/Edit/{person.Id}", PersonForm.Complete(("Input.LastName", "Changé")));
        Assert.Equal("Changé", await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.LastName).SingleAsync()));
        var kinds = await Factory.WithDbAsync(db => db.ActivityLog.Where(a => a.PersonId == person.Id).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
        Assert.Equal([ActivityKind.ProcessingRestricted, ActivityKind.ProcessingRestrictionLifted, ActivityKind.PersonUpdated], kinds);
    }

    [Fact]
    public async Task Posts_from_another_department_or_team_get_404_and_change_nothing()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        foreach (var user in new[] { World.Worker29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(user);
            // A valid antiforgery token, taken from a page this user may open: only the handler's own check stands.
            var home = await client.GetAsync("/Account/ChangePassword");
            var token = home.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            foreach (var url in new[]
                     {
                         $"/Rights/Restrictions/{person.Id}?handler=Restrict", $"/Rights/Restrictions/{person.Id}?handler=Object",
                         $"/Rights/Notice/{person.Id}", $"/Rights/Export/{person.Id}?handler=Json",
                     })
            {
                var page = await client.PostAsync(url, [("__RequestVerificationToken", token), ("Input.Method", "InPerson"), ("Input.GivenOn", "2026-11-20")]);
                Assert.Equal(System.Net.HttpStatusCode.NotFound, page.Status);
            }
        }
        var stored = await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id));
        Assert.False(stored.ProcessingRestricted || stored.ObjectsToMessages || stored.NoticeGivenAt is not null);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.PersonId == person.Id)));
    }
}
