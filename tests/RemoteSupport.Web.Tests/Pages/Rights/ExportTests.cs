using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Rights;

public sealed class ExportTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_printable_copy_holds_every_part_of_the_file_and_no_one_elses_data()
    {
        var file = await RightsData.FullFileAsync(Factory, World.Worker56);
        await World.AddPersonAsync(Factory, World.Worker56, p => { p.FirstName = "Autrepersonne"; p.LastName = "Horsdossier"; });
        var worker = await SignInAsync(World.Worker56);
        await worker.GetAsync($"/Persons/Details/{file.Person.Id}");

        var lead = await SignInAsync(World.Lead56);
        var page = await lead.SubmitAsync($"/Rights/Export/{file.Person.Id}", new(), "main form");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = page.Document.QuerySelector("article.subject-access")!.TextContent;
        Assert.Contains("Vos données : copie remise à Ysolde Kerbrat-Quillivic", text);
        foreach (var expected in new[]
                 {
                     "0677123451", "ysolde.kq@exemple.test", "17 venelle des Goélands", "Quiberon", "Léa Travailleuse", "gallo",
                     "Commentaire Farfadelle", "Accordé", "Retiré", "Par écrit", RightsData.Summary, "Objectif Tralalère", "Sujet Rantanplan",
                     "Famille ou proche, avec votre accord", "Qui Machinchose", "Quoi Turlututu", "Journal Carabistouille", "Fiche de la personne",
                 })
            Assert.Contains(expected, text);
        var headings = page.Document.QuerySelectorAll("article.subject-access h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Identité et coordonnées", "Situation et préférences", "Vos droits dans ce dossier", "Consentements (historique complet)",
            "Entretiens", "Suites décidées (qui fait quoi)", "Séances de groupe", "Journal d'activité", "Consultations de votre dossier"], headings);
        // Third parties and other persons stay out: the participant by their relation only, staff by their function.
        Assert.DoesNotContain(RightsData.Participant, text);
        Assert.DoesNotContain("Horsdossier", text);
        Assert.DoesNotContain(RightsData.PrivateNote, text);
        Assert.Contains("Travailleur social", text);
        Assert.DoesNotContain("Nadia Cadre", text);
    }

    [Fact]
    public async Task Private_notes_come_only_on_an_explicit_choice_apart_and_marked()
    {
        var file = await RightsData.FullFileAsync(Factory, World.Worker56);
        var lead = await SignInAsync(World.Lead56);
        var page = await lead.SubmitManyAsync($"/Rights/Export/{file.Person.Id}", [("IncludePrivateNotes", "true")], "main form");
        var section = page.Document.QuerySelector("section.export-section.private")!;
        Assert.Contains("Notes privées — jointes sur demande expresse", section.TextContent);
        Assert.Contains(RightsData.PrivateNote, section.TextContent);
        Assert.Single(page.Document.QuerySelectorAll("section.export-section"), s => s.TextContent.Contains(RightsData.PrivateNote, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_JSON_file_has_the_same_sections_and_each_copy_is_journaled_traced_and_audited()
    {
        var file = await RightsData.FullFileAsync(Factory, World.Worker56);
        var lead = await SignInAsync(World.Lead56);
        var form = await lead.GetAsync($"/Rights/Export/{file.Person.Id}");
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("IncludePrivateNotes", "false")]);
        var response = await lead.Http.PostAsync($"/Rights/Export/{file.Person.Id}?handler=Json", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Ysolde Kerbrat-Quillivic", json.RootElement.GetProperty("person").GetString());
        var keys = json.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ToList();
        Assert.Equal(["identity", "situation", "rights", "consents", "interviews", "followUps", "groupSessions", "activity", "accesses"], keys);
        Assert.DoesNotContain(RightsData.Participant, json.RootElement.GetRawText());

        var journal = await Factory.WithDbAsync(db => db.ActivityLog.Where(a => a.PersonId == file.Person.Id && a.Kind == ActivityKind.SubjectAccessExported)
            .Select(a => new { a.ActorId, a.Description }).SingleAsync());
        Assert.Equal(World.Lead56.Id, journal.ActorId);
        Assert.Equal("Copie des données établie (fichier JSON, sans les notes privées).", journal.Description);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.PersonAccesses.CountAsync(a => a.PersonId == file.Person.Id && a.Page == "SubjectAccessExport")));
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Area == AuditArea.SubjectAccess));
        Assert.Equal((file.Person.Id.ToString(), AuditAction.Export, World.Lead56.Id), (audit.EntityId, audit.Action, audit.ActorId));
    }

    [Fact]
    public async Task Who_may_export_is_the_department_setting_and_others_get_404()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/Rights/Export/{person.Id}")).Status);
        // A POST with a valid token (taken from the person's page) is refused by the handler itself.
        var details = await worker.GetAsync($"/Persons/Details/{person.Id}");
        var token = details.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await worker.PostAsync($"/Rights/Export/{person.Id}?handler=Print", [("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);

        await Factory.WithDbAsync(async db =>
        {
            var d = await db.Departments.SingleAsync(x => x.Id == World.Cd56.Id);
            d.ChooseSubjectAccessExporters(SubjectAccessExporters.AlsoFollowingWorkers);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/Rights/Export/{person.Id}")).Status);
        var printed = await worker.SubmitAsync($"/Rights/Export/{person.Id}", new(), "main form");
        Assert.Contains("Vos données : copie remise à Rozenn Kerjean", printed.Text);

        // Outside the person's team, or another department: 404 whatever the setting.
        foreach (var user in new[] { World.OtherTeamWorker56, World.Lead29, World.Worker29 })
        {
            var client = await SignInAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Rights/Export/{person.Id}")).Status);
        }
        var admin = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Rights/Export/{person.Id}")).Status);
    }
}
