using Microsoft.EntityFrameworkCore;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>Issue 17: from an orientation (a follow-up naming a resource of the directory) to its contact card sent by SMS.</summary>
[Collection(JourneyCollection.Name)]
public sealed class DirectoryJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task A_social_worker_orients_a_person_to_a_resource_then_sends_its_card_by_sms_through_the_outbox()
    {
        // A person of the colleague's caseload who agreed to SMS (arranged in the database: the consent journey is tested elsewhere).
        var person = await Site.App.WithDbAsync(async db =>
        {
            var worker = await db.Users.AsNoTracking().SingleAsync(u => u.Email == Demo.Colleague.Email);
            var p = AccompaniedPerson.Seed(new PersonSeed
            {
                DepartmentId = worker.DepartmentId, ReferentId = worker.Id, FirstName = "Gwenola", LastName = "Annuaire-Essai", Phone = "06 39 98 00 42",
                City = "Vannes", PostalCode = "56000", RemoteReasons = [RemoteReason.GeographicDistance], CreatedAt = BrowserApp.Now.AddDays(-30),
                HasSmartphone = true, HasInternetAccess = false, DigitalSkills = DigitalSkills.None,
            });
            db.Persons.Add(p);
            db.Consents.Add(ConsentRecord.Seed(p.DepartmentId, p.Id, Modality.Sms, ConsentDecision.Granted, BrowserApp.Now.AddDays(-20),
                worker.Id, ConsentMethod.InPerson));
            await db.SaveChangesAsync();
            return p;
        });
        const string resource = "Espace numérique solidaire de Vannes";
        var page = await NewPageAsync(Demo.Colleague);
        await page.GotoAsync($"/Persons/Details/{person.Id}");

        // Without digital skills nor connection: the nearest digital-help place, in their own commune, comes first.
        var orientations = page.GetByRole(AriaRole.Region, new() { Name = "Orientations vers des ressources" });
        await Assertions.Expect(orientations.Locator("ul.digital-help li").First).ToContainTextAsync(resource);
        await Assertions.Expect(orientations.Locator("ul.digital-help li").First).ToContainTextAsync("même commune");

        // The orientation: a follow-up whose « qui » is the resource.
        await orientations.GetByRole(AriaRole.Link, new() { Name = "Orienter vers une ressource" }).ClickAsync();
        var resourceId = await Site.App.WithDbAsync(db => db.Resources.AsNoTracking()
            .Where(r => r.DepartmentId == person.DepartmentId && r.Name == resource).Select(r => r.Id).SingleAsync());
        await page.GetByLabel("Ressource (obligatoire)").SelectOptionAsync(new SelectOptionValue { Value = resourceId.ToString() });
        await page.GetByLabel("Ce que la ressource fera (quoi) (obligatoire)").FillAsync("Aider à créer l'adresse e-mail et à essayer la visio");
        await page.GetByLabel("Pour le (obligatoire)").FillAsync("2026-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'orientation" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.flash")).ToHaveTextAsync("L'orientation est enregistrée dans les suites à donner et le journal.");
        await Assertions.Expect(orientations.Locator("table")).ToContainTextAsync("Aider à créer l'adresse e-mail et à essayer la visio");

        // From that follow-up, the card, by SMS.
        await orientations.Locator("table").GetByRole(AriaRole.Link, new() { Name = $"Envoyer la fiche : {resource}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Envoyer à Gwenola Annuaire-Essai la fiche de {resource}");
        await page.GetByRole(AriaRole.Radio, new() { Name = "SMS", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la fiche" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.flash")).ToContainTextAsync("La fiche est prête à partir");
        await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync("Message libre");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Journal d'activité" }))
            .ToContainTextAsync($"Fiche d'une ressource envoyée — Fiche de {resource} envoyée par SMS.");

        var stored = await Site.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.PersonId == person.Id));
        Assert.Equal(MessageChannel.Sms, stored.Channel);
        Assert.Equal("06 39 98 00 42", stored.Recipient);
        Assert.Contains(resource, stored.Body);
        Assert.NotEqual(MessageStatus.Cancelled, stored.Status);
        var kinds = await Site.App.WithDbAsync(db => db.ActivityLog.AsNoTracking().Where(a => a.PersonId == person.Id).Select(a => a.Kind).ToListAsync());
        Assert.Contains(ActivityKind.OrientedToResource, kinds);
        Assert.Contains(ActivityKind.ResourceCardSent, kinds);
    }
}
