using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

public sealed class CloseTests(AppFactory factory) : WebTest(factory)
{
    private const string CloseForm = "form[action^='/Persons/Close']";

    [Fact]
    public async Task Closing_from_the_file_records_when_and_why_and_writes_the_journal()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var details = await client.GetAsync($"/Persons/Details/{person.Id}");
        Factory.Clock.Advance(TimeSpan.FromHours(3));

        var page = await client.SubmitFormAsync(details, new() { ["Input.Reason"] = "  Objectifs atteints : logement trouvé  " }, CloseForm);

        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        Assert.Equal("Le suivi a été clos.", page.Flash);
        Assert.Contains("Suivi clos", page.Document.QuerySelector(".tag")!.TextContent);
        Assert.Contains("23/11/2026 — Objectifs atteints : logement trouvé", page.Text);
        Assert.NotNull(page.Document.QuerySelector("form[action^='/Persons/Reopen']"));
        var stored = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal((PersonStatus.Closed, TestClock.Start.AddHours(3), "Objectifs atteints : logement trouvé"), (stored.Status, stored.ClosedAt, stored.ClosureReason));
        var entry = Assert.Single(await PersonForm.JournalAsync(Factory, person.Id));
        Assert.Equal((ActivityKind.PersonClosed, World.Worker56.Id, TestClock.Start.AddHours(3)), (entry.Kind, entry.ActorId, entry.At));
        Assert.Equal("Suivi clos. Motif : Objectifs atteints : logement trouvé", entry.Description);
    }

    [Fact]
    public async Task The_close_page_shows_the_form_with_the_person_name()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Persons/Close/{person.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Clore le suivi de Rozenn Kerjean", page.Text);

        var closed = await client.SubmitFormAsync(page, new() { ["Input.Reason"] = "Suivi repris par le CCAS" });
        Assert.Equal("Le suivi a été clos.", closed.Flash);
    }

    [Theory]
    [InlineData("", "Indiquez le motif de clôture.")]
    [InlineData("   ", "Indiquez le motif de clôture.")]
    [InlineData("x501", "Le motif ne peut pas dépasser 500 caractères.")]
    [InlineData("Fin\u202E du suivi", "Le motif contient des caractères non autorisés.")]
    [InlineData("Fin\u0008", "Le motif contient des caractères non autorisés.")]
    public async Task A_missing_or_odd_reason_is_refused_on_the_close_page(string reason, string message)
    {
        if (reason == "x501") reason = new string('x', 501);
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var details = await client.GetAsync($"/Persons/Details/{person.Id}");

        var page = await client.SubmitFormAsync(details, new() { ["Input.Reason"] = reason }, CloseForm);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"/Persons/Close/{person.Id}", page.Url.AbsolutePath);
        Assert.Equal(message, page.ErrorFor("Input.Reason"));
        Assert.Equal(PersonStatus.Active, await Factory.WithDbAsync(db => db.Persons.Select(p => p.Status).SingleAsync()));
        Assert.Empty(await PersonForm.JournalAsync(Factory, person.Id));
    }

    [Fact]
    public async Task Markup_in_the_reason_is_kept_as_plain_text()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync($"/Persons/Close/{person.Id}", new() { ["Input.Reason"] = "<script>alert('x')</script><b>fin</b>" });

        Assert.Contains("<script>alert('x')</script><b>fin</b>", page.Text);
        Assert.DoesNotContain("<b>fin</b>", page.Html);
        Assert.Empty(page.Document.QuerySelectorAll("main b"));
    }

    [Fact]
    public async Task Closing_twice_shows_the_rule_instead_of_closing_again()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync($"/Persons/Close/{person.Id}");
        await client.SubmitFormAsync(form, new() { ["Input.Reason"] = "Première clôture" });

        var again = await client.SubmitFormAsync(form, new() { ["Input.Reason"] = "Seconde clôture" });

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("Ce suivi est déjà clos.", again.Summary);
        Assert.Equal("Seconde clôture", again.ValueOf("Input.Reason"));
        Assert.Equal("Première clôture", await Factory.WithDbAsync(db => db.Persons.Select(p => p.ClosureReason).SingleAsync()));
        Assert.Single(await PersonForm.JournalAsync(Factory, person.Id));
    }

    [Fact]
    public async Task Users_outside_the_department_or_the_team_get_404_and_the_follow_up_stays_open()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        foreach (var outsider in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Persons/Close/{person.Id}")).Status);
            var token = await PersonForm.TokenAsync(client);
            var post = await client.PostAsync($"/Persons/Close/{person.Id}", [("__RequestVerificationToken", token), ("Input.Reason", "Clôture pirate")]);
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
            Assert.DoesNotContain("Kerjean", post.Html);
        }
        Assert.Equal(PersonStatus.Active, await Factory.WithDbAsync(db => db.Persons.Select(p => p.Status).SingleAsync()));
        Assert.Empty(await PersonForm.JournalAsync(Factory, person.Id));
    }
}
