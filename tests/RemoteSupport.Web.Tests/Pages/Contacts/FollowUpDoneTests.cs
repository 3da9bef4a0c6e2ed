using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Contacts;

public sealed class FollowUpDoneTests(AppFactory factory) : WebTest(factory)
{
    private Task<FollowUpAction> ActionAsync(AccompaniedPerson person, string who, string what, DateOnly dueOn, DateTimeOffset? doneAt = null) =>
        Factory.WithDbAsync(async db =>
        {
            var action = await TestInterviews.FollowUpAsync(db, person, who, what, dueOn, doneAt);
            await db.SaveChangesAsync();
            return action;
        });

    private Task<FollowUpAction> ReloadAsync(Guid id) => Factory.WithDbAsync(db => db.FollowUpActions.SingleAsync(a => a.Id == id));

    [Fact]
    public async Task The_person_page_lists_open_actions_soonest_first_and_flags_the_overdue_ones()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ActionAsync(person, "La personne", "Envoyer l'avis d'imposition", new DateOnly(2026, 12, 4));
        await ActionAsync(person, "Léa Travailleuse", "Appeler le bailleur", new DateOnly(2026, 11, 20));
        await ActionAsync(person, "CCAS", "Étudier l'aide alimentaire", new DateOnly(2026, 11, 10), TestClock.Start.AddDays(-14));

        var page = await (await SignInAsync(World.Worker56)).GetAsync($"/Persons/Details/{person.Id}");

        var rows = page.Document.QuerySelectorAll("table.followups tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Appeler le bailleur", rows[0].TextContent);
        Assert.Contains("Léa Travailleuse", rows[0].TextContent);
        Assert.Contains("20/11/2026", rows[0].TextContent);
        Assert.Contains("En retard", rows[0].TextContent);
        Assert.Contains("Envoyer l'avis d'imposition", rows[1].TextContent);
        Assert.DoesNotContain("En retard", rows[1].TextContent);
        Assert.DoesNotContain("Étudier l'aide alimentaire", page.Text);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/Contacts/Log/{person.Id}']"));
    }

    [Fact]
    public async Task Marking_an_action_done_records_when_and_writes_the_journal()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var action = await ActionAsync(person, "Léa Travailleuse", "Appeler le bailleur", new DateOnly(2026, 11, 20));
        var client = await SignInAsync(World.Worker56);
        var details = await client.GetAsync($"/Persons/Details/{person.Id}");

        var page = await client.SubmitFormAsync(details, new(), $"form[action='/Contacts/FollowUpDone/{action.Id}']");

        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        Assert.Equal("La suite est marquée comme faite.", page.Flash);
        Assert.Contains("Aucune suite en attente.", page.Text);
        Assert.Contains("Suite réalisée : Appeler le bailleur (Léa Travailleuse).", page.Text);
        Assert.Equal(TestClock.Start, (await ReloadAsync(action.Id)).DoneAt);
        var entry = await Factory.WithDbAsync(db => db.ActivityLog.SingleAsync(a => a.PersonId == person.Id && a.Kind == ActivityKind.FollowUpActionDone));
        Assert.Equal(World.Worker56.Id, entry.ActorId);
    }

    [Fact]
    public async Task Marking_it_done_twice_keeps_the_first_time()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var action = await ActionAsync(person, "La personne", "Envoyer le justificatif", new DateOnly(2026, 11, 25));
        var client = await SignInAsync(World.Worker56);
        await client.SubmitAsync($"/Contacts/FollowUpDone/{action.Id}", new());
        Factory.Clock.Advance(TimeSpan.FromHours(1));

        // A second click from a page opened before the first one (no form is shown once the action is done).
        var token = (await client.GetAsync("/Persons/Create")).ValueOf("__RequestVerificationToken")!;
        var again = await client.PostAsync($"/Contacts/FollowUpDone/{action.Id}", [("__RequestVerificationToken", token)]);
        var confirmation = await client.GetAsync($"/Contacts/FollowUpDone/{action.Id}");

        Assert.Equal("Cette suite était déjà marquée comme faite.", again.Flash);
        Assert.Contains("Faite le 23/11/2026 à 10:00.", confirmation.Text);
        Assert.Null(confirmation.Document.QuerySelector("main form"));
        Assert.Equal(TestClock.Start, (await ReloadAsync(action.Id)).DoneAt);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.Kind == ActivityKind.FollowUpActionDone)));
    }

    [Fact]
    public async Task Users_outside_the_persons_team_or_department_get_404_and_the_action_stays_open()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var action = await ActionAsync(person, "La personne", "Envoyer le justificatif", new DateOnly(2026, 11, 25));
        foreach (var outsider in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Contacts/FollowUpDone/{action.Id}")).Status);
            var token = (await client.GetAsync("/Persons/Create")).ValueOf("__RequestVerificationToken")!;
            var post = await client.PostAsync($"/Contacts/FollowUpDone/{action.Id}", [("__RequestVerificationToken", token)]);
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Null((await ReloadAsync(action.Id)).DoneAt);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.Kind == ActivityKind.FollowUpActionDone)));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var action = await ActionAsync(person, "La personne", "Envoyer le justificatif", new DateOnly(2026, 11, 25));
        var page = await (await SignInAsync(World.Worker56)).PostAsync($"/Contacts/FollowUpDone/{action.Id}", []);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null((await ReloadAsync(action.Id)).DoneAt);
    }
}
