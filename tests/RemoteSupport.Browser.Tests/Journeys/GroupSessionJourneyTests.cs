using Microsoft.EntityFrameworkCore;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Domain.Groups;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>
/// A group session from end to end, in Chromium: planned, a person registered with their agreements (and invited),
/// the attendance sheet once the session has started, the shared summary and the person's follow-up.
/// </summary>
[Collection(JourneyCollection.Name)]
public sealed class GroupSessionJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task A_social_worker_plans_a_session_registers_a_person_marks_attendance_and_gives_the_follow_ups()
    {
        var page = await NewPageAsync(Demo.Worker);
        await page.GotoAsync("/Persons/Create");
        await page.GetByLabel("Prénom (obligatoire)", new() { Exact = true }).FillAsync("Katell");
        await page.GetByLabel("Nom (obligatoire)", new() { Exact = true }).FillAsync("Le Bihan-Groupe");
        await page.GetByLabel("Téléphone").FillAsync("06 39 98 44 66");
        await page.GetByLabel("Adresse électronique").FillAsync("katell.lebihan@exemple.test");
        await page.GetByLabel("Éloignement géographique").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche" }).ClickAsync();
        await page.WaitForURLAsync("**/Persons/Details/**");
        var personUrl = page.Url;

        // Video for the session, the agreement to meet others in a group, e-mail for the invitation.
        foreach (var modality in new[] { "visioconférence", "séance de groupe", "e-mail" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = $"Enregistrer une réponse pour : {modality}" }).ClickAsync();
            await page.GetByLabel("Accordé : la personne est d'accord").CheckAsync();
            await page.GetByLabel("Recueillie comment").SelectOptionAsync(new SelectOptionValue { Label = "À l'oral, pendant un appel" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("La réponse a été enregistrée.");
        }

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Séances de groupe" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Planifier une séance" }).ClickAsync();
        await page.GetByLabel("Thème (obligatoire)").FillAsync("Préparer l'hiver ensemble");
        await page.GetByLabel("Date (obligatoire, jj/mm/aaaa)").FillAsync("2026-11-23");
        await page.GetByLabel("Heure de début (obligatoire, hh:mm)").FillAsync("14:00");
        await page.GetByLabel("Durée (minutes) (obligatoire)").FillAsync("60");
        await page.GetByRole(AriaRole.Group, new() { Name = "Modalité (obligatoire)" }).GetByRole(AriaRole.Radio, new() { Name = "Visioconférence" }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Outil approuvé par le département (obligatoire)" }).GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.GetByLabel("Pour rejoindre : lien, ou numéro et code de la conférence").FillAsync("https://visio.cd56.test/hiver");
        await page.GetByLabel("Nombre de places (obligatoire)").FillAsync("5");
        await page.GetByLabel("Ordre du jour (obligatoire)").FillAsync("1. Tour de table\n2. Les aides pour le chauffage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier la séance" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).Not.ToBeVisibleAsync();
        await page.WaitForURLAsync("**/Groups/Details/**");
        var sessionUrl = page.Url;
        await Assertions.Expect(page.Locator("#outline")).ToContainTextAsync("14:25 : pause de 10 minutes");

        await page.GetByLabel("Personne", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Katell Le Bihan-Groupe" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("La personne est inscrite.");
        await Assertions.Expect(page.Locator("#registered")).ToContainTextAsync("Katell Le Bihan-Groupe");
        await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync("prévu");

        // The session has started (14:05 in Paris): the attendance sheet opens. The earlier sign-in has long timed out.
        using (Site.App.Clock.Travel(new DateTimeOffset(2026, 11, 23, 13, 5, 0, TimeSpan.Zero)))
        {
            // A sign-in of its own: the shared signed-in state of the demo worker must not be touched at another hour.
            await using var fresh = await Site.NewContextAsync();
            page = await fresh.NewPageAsync();
            await Site.SignInAsync(page, Demo.Worker);
            await page.GotoAsync(sessionUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = "Feuille de présence" }).ClickAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "Katell Le Bihan-Groupe" }).GetByLabel("Présent·e").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la feuille de présence" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("La feuille de présence est enregistrée");

            await page.GetByRole(AriaRole.Link, new() { Name = "Compte rendu et suites" }).ClickAsync();
            await page.GetByLabel("Ce qui s'est dit et décidé, pour tout le groupe").FillAsync("Katell a parlé de son chauffage.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le compte rendu" }).ClickAsync();
            await Assertions.Expect(page.Locator("#Text_Summary-error")).ToContainTextAsync("ne nomme aucun participant");
            await page.GetByLabel("Ce qui s'est dit et décidé, pour tout le groupe").FillAsync("Le groupe a comparé les aides pour le chauffage.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le compte rendu" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Le compte rendu partagé est enregistré.");

            await page.GetByLabel("Qui s'en charge").FillAsync("La personne");
            await page.GetByLabel("Quoi", new() { Exact = true }).FillAsync("Demander le chèque énergie");
            await page.GetByLabel("Pour le (jj/mm/aaaa)").FillAsync("2026-12-04");
            await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire la suite dans son dossier" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("La suite est inscrite dans le dossier de la personne.");
            await Assertions.Expect(page.Locator("#followups")).ToContainTextAsync("Demander le chèque énergie");

            await page.GotoAsync(personUrl);
            await Assertions.Expect(page.Locator("#person-groups")).ToContainTextAsync("Préparer l'hiver ensemble");
            await Assertions.Expect(page.Locator("#person-groups")).ToContainTextAsync("Présent·e");
        }

        var stored = await Site.App.WithDbAsync(db => db.GroupSessions.AsNoTracking().Where(s => s.Theme == "Préparer l'hiver ensemble")
            .Select(s => new { s.Status, s.Summary }).SingleAsync());
        Assert.Equal(GroupSessionStatus.Held, stored.Status);
        Assert.Equal("Le groupe a comparé les aides pour le chauffage.", stored.Summary);
    }
}
