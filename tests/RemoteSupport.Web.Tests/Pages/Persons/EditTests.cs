using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

public sealed class EditTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_form_shows_the_current_file_and_saves_the_changes()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => { p.Email = "rozenn@exemple.test"; p.RemoteReasons = [RemoteReason.Homelessness]; });
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync($"/Persons/Edit/{person.Id}");
        Assert.Equal("Rozenn", form.ValueOf("Input.FirstName"));
        Assert.Equal("06 39 98 00 01", form.ValueOf("Input.Phone"));
        Assert.Equal("rozenn@exemple.test", form.ValueOf("Input.Email"));
        Assert.Equal("Low", form.ValueOf("Input.RiskLevel"));
        Assert.NotNull(form.Document.QuerySelector("input[name='Input.RemoteReasons'][value='Homelessness'][checked]"));
        Assert.NotNull(form.Document.QuerySelector("input[name='Input.HasSmartphone'][checked]"));

        Factory.Clock.Advance(TimeSpan.FromHours(2));
        var page = await client.SubmitFormAsync(form, new() { ["Input.Phone"] = "0639980099", ["Input.RiskLevel"] = "High" });

        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        Assert.Equal("Les modifications ont été enregistrées.", page.Flash);
        Assert.Contains("06 39 98 00 99", page.Text);
        var stored = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal(("06 39 98 00 99", RiskLevel.High), (stored.Phone, stored.RiskLevel));
        Assert.Equal(("Rozenn", "Kerjean", "rozenn@exemple.test"), (stored.FirstName, stored.LastName, stored.Email));
        Assert.Equal([RemoteReason.Homelessness], stored.RemoteReasons);
        Assert.True(stored.HasSmartphone);
    }

    [Fact]
    public async Task Saving_writes_who_changed_which_fields_in_the_journal()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Colleague56);
        Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        var page = await client.SubmitAsync($"/Persons/Edit/{person.Id}",
            new() { ["Input.Phone"] = "06 39 98 00 42", ["Input.RiskLevel"] = "Medium", ["Input.City"] = "Auray" });

        var entry = Assert.Single(await PersonForm.JournalAsync(Factory, person.Id));
        Assert.Equal(ActivityKind.PersonUpdated, entry.Kind);
        Assert.Equal((World.Colleague56.Id, person.Id, World.Cd56.Id), (entry.ActorId, entry.PersonId, entry.DepartmentId));
        Assert.Equal(TestClock.Start.AddMinutes(30), entry.At);
        Assert.Equal("Fiche modifiée : téléphone, adresse, niveau de risque.", entry.Description);
        var line = page.Document.QuerySelector(".journal li")!.TextContent;
        Assert.Contains("Modification du dossier", line);
        Assert.Contains("Fiche modifiée : téléphone, adresse, niveau de risque.", line);
        Assert.Contains("Hugo Collègue", line);
    }

    [Fact]
    public async Task Saving_an_unchanged_form_writes_nothing()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync($"/Persons/Edit/{person.Id}", []);

        Assert.Equal("Aucun changement : la fiche était déjà à jour.", page.Flash);
        Assert.Empty(await PersonForm.JournalAsync(Factory, person.Id));
    }

    [Fact]
    public async Task The_second_of_two_concurrent_saves_is_refused_and_keeps_what_was_typed()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var first = await SignInAsync(World.Worker56);
        var second = await SignInAsync(World.Colleague56);
        var firstForm = await first.GetAsync($"/Persons/Edit/{person.Id}");
        var secondForm = await second.GetAsync($"/Persons/Edit/{person.Id}");

        var saved = await first.SubmitFormAsync(firstForm, new() { ["Input.Phone"] = "06 39 98 00 11" });
        Assert.Equal("Les modifications ont été enregistrées.", saved.Flash);
        var refused = await second.SubmitFormAsync(secondForm, new() { ["Input.Phone"] = "06 39 98 00 22", ["Input.City"] = "Ploërmel" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal($"/Persons/Edit/{person.Id}", refused.Url.AbsolutePath);
        Assert.Contains(PageModelExtensions.ConcurrencyMessage, refused.Summary);
        Assert.Equal("06 39 98 00 22", refused.ValueOf("Input.Phone"));
        Assert.Equal("Ploërmel", refused.ValueOf("Input.City"));
        var stored = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal(("06 39 98 00 11", null), (stored.Phone, stored.City));
        Assert.Equal(World.Worker56.Id, Assert.Single(await PersonForm.JournalAsync(Factory, person.Id)).ActorId);

        // Reloading the form picks up the new version, and the save then goes through.
        var reloaded = await second.GetAsync($"/Persons/Edit/{person.Id}");
        Assert.Equal("06 39 98 00 11", reloaded.ValueOf("Input.Phone"));
        var retried = await second.SubmitFormAsync(reloaded, new() { ["Input.City"] = "Ploërmel" });
        Assert.Equal("Les modifications ont été enregistrées.", retried.Flash);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("4294967295")]
    public async Task A_tampered_version_is_treated_as_a_stale_one(string version)
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync($"/Persons/Edit/{person.Id}", new() { ["Version"] = version, ["Input.Phone"] = "06 39 98 00 33" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(PageModelExtensions.ConcurrencyMessage, page.Summary);
        Assert.Equal("06 39 98 00 01", await Factory.WithDbAsync(db => db.Persons.Select(p => p.Phone).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_is_refused_next_to_the_field_and_nothing_changes()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync($"/Persons/Edit/{person.Id}",
            new() { ["Input.LastName"] = "", ["Input.Email"] = "rozenn@", ["Input.BirthDate"] = "2025-02-29" });

        Assert.Equal("Saisissez le nom.", page.ErrorFor("Input.LastName"));
        Assert.Equal("Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.", page.ErrorFor("Input.Email"));
        Assert.Equal("Saisissez une date qui existe, au format jj/mm/aaaa.", page.ErrorFor("Input.BirthDate"));
        Assert.Contains("Modifier la fiche de Rozenn Kerjean", page.Text);
        var stored = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal(("Kerjean", null), (stored.LastName, stored.Email));
        Assert.Empty(await PersonForm.JournalAsync(Factory, person.Id));
    }

    [Fact]
    public async Task Workers_of_another_department_or_team_get_404_and_change_nothing()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var owner = await SignInAsync(World.Worker56);
        var ownForm = await owner.GetAsync($"/Persons/Edit/{person.Id}");

        foreach (var outsider in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Persons/Edit/{person.Id}")).Status);
            var token = await PersonForm.TokenAsync(client);
            var fields = PersonForm.Complete(("__RequestVerificationToken", token), ("Version", ownForm.ValueOf("Version")!), ("Input.LastName", "Piraté"));
            var post = await client.PostAsync($"/Persons/Edit/{person.Id}", fields);
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
            Assert.DoesNotContain("Kerjean", post.Text);
        }
        Assert.Equal("Kerjean", await Factory.WithDbAsync(db => db.Persons.Select(p => p.LastName).SingleAsync()));
        Assert.Empty(await PersonForm.JournalAsync(Factory, person.Id));
    }

    [Fact]
    public async Task An_unknown_person_is_404()
    {
        var client = await SignInAsync(World.Worker56);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Persons/Edit/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Persons/Edit/not-a-guid")).Status);
    }
}
