using Microsoft.EntityFrameworkCore;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Domain.Messages;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>An invitation e-mail asked for at scheduling, then found on the interview's and the person's pages.</summary>
[Collection(JourneyCollection.Name)]
public sealed class MessageJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task A_social_worker_schedules_with_an_invitation_and_finds_it_with_its_status()
    {
        var page = await NewPageAsync(Demo.Worker);
        await page.GotoAsync("/Persons/Create");
        await page.GetByLabel("Prénom (obligatoire)", new() { Exact = true }).FillAsync("Soizic");
        await page.GetByLabel("Nom (obligatoire)", new() { Exact = true }).FillAsync("Le Goff-Invitation");
        await page.GetByLabel("Téléphone").FillAsync("06 39 98 44 55");
        await page.GetByLabel("Adresse électronique").FillAsync("soizic.legoff@exemple.test");
        await page.GetByLabel("Éloignement géographique").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche" }).ClickAsync();
        await page.WaitForURLAsync("**/Persons/Details/**");
        var personUrl = page.Url;

        // Phone for the interview, e-mail for the invitation: e-mail is a consent of its own.
        foreach (var modality in new[] { "téléphone", "e-mail" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = $"Enregistrer une réponse pour : {modality}" }).ClickAsync();
            await page.GetByLabel("Accordé : la personne est d'accord").CheckAsync();
            await page.GetByLabel("Recueillie comment").SelectOptionAsync(new SelectOptionValue { Label = "À l'oral, pendant un appel" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("La réponse a été enregistrée.");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Planifier un entretien" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Modalité" }).GetByRole(AriaRole.Radio, new() { Name = "Téléphone" }).CheckAsync();
        await page.GetByLabel("Date (obligatoire, jj/mm/aaaa)").FillAsync("2026-11-25");
        await page.GetByLabel("Heure de début (obligatoire, hh:mm)").FillAsync("10:00");
        await page.GetByLabel("Objectifs annoncés à la personne").FillAsync("Faire le point sur les démarches.");
        await Assertions.Expect(page.GetByText("La personne accepte les e-mails")).ToBeVisibleAsync();
        await page.GetByLabel("Envoyer une invitation par e-mail à la personne").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier l'entretien" }).ClickAsync();
        var warnings = page.Locator("#slot-warnings");
        await warnings.Or(page.Locator(".flash")).First.WaitForAsync();
        if (await warnings.IsVisibleAsync())
        {
            await page.GetByLabel("Je confirme ce créneau malgré ces points").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Planifier l'entretien" }).ClickAsync();
        }
        await page.WaitForURLAsync("**/Interviews/Details/**");

        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Messages à la personne" });
        await Assertions.Expect(panel.GetByRole(AriaRole.Row).Filter(new() { HasText = "Invitation" })).ToContainTextAsync("prévu le 23/11/2026 à 10:00");
        await panel.GetByRole(AriaRole.Link, new() { Name = "Invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Invitation par e-mail");
        await Assertions.Expect(page.Locator(".message-text")).ToContainTextAsync("le mercredi 25 novembre 2026 à 10h00");

        await page.GotoAsync(personUrl);
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Messages à la personne" })).ToContainTextAsync("Invitation");

        var stored = await Site.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == "soizic.legoff@exemple.test").Select(m => new { m.Purpose, m.Status }).SingleAsync());
        Assert.Equal((MessagePurpose.Invitation, MessageStatus.Planned), (stored.Purpose, stored.Status));
    }
}
