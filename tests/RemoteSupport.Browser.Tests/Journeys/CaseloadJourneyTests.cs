using Microsoft.EntityFrameworkCore;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>The caseload as social workers and team leads use it, with the mouse, from page to page.</summary>
[Collection(JourneyCollection.Name)]
public sealed class CaseloadJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task A_social_worker_creates_a_person_and_finds_them_in_their_caseload()
    {
        var page = await NewPageAsync(Demo.Colleague);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Ma file active" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle personne" }).ClickAsync();

        await page.GetByLabel("Prénom (obligatoire)", new() { Exact = true }).FillAsync("Gwenola");
        await page.GetByLabel("Nom (obligatoire)", new() { Exact = true }).FillAsync("Le Bihan-Souris");
        await page.GetByLabel("Téléphone").FillAsync("06 39 98 12 34");
        await page.GetByLabel("Commune").FillAsync("Auray");
        await page.GetByLabel("Éloignement géographique").CheckAsync();
        await page.GetByLabel("Niveau de risque").SelectOptionAsync(new SelectOptionValue { Label = "Modéré" });
        await page.GetByLabel("Vit sans autre personne au foyer (isolement)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche" }).ClickAsync();

        await page.WaitForURLAsync("**/Persons/Details/**");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "créée" })).ToHaveTextAsync("La fiche de la personne a été créée.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gwenola Le Bihan-Souris");
        await Assertions.Expect(page.Locator("#journal-title ~ .journal li").First).ToContainTextAsync("Création du dossier");
        await Assertions.Expect(page.Locator(".facts").Nth(0)).ToContainTextAsync("06 39 98 12 34");
        await Assertions.Expect(page.Locator(".facts").Nth(1)).ToContainTextAsync("Éloignement géographique");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ma file active" }).First.ClickAsync();
        await page.GetByLabel("Nom ou prénom").FillAsync("bihan-souris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 personne(s)");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Le Bihan-Souris Gwenola" })).ToBeVisibleAsync();

        var stored = await Site.App.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.LastName == "Le Bihan-Souris")
            .Select(p => new { p.FirstName, p.RiskLevel, p.LivesAlone, p.RemoteReasons, Referent = db.Users.Single(u => u.Id == p.ReferentId).Email }).SingleAsync());
        Assert.Equal("Gwenola", stored.FirstName);
        Assert.Equal(RiskLevel.Medium, stored.RiskLevel);
        Assert.True(stored.LivesAlone);
        Assert.Equal([RemoteReason.GeographicDistance], stored.RemoteReasons);
        Assert.Equal(Demo.Colleague.Email, stored.Referent);
    }

    [Fact]
    public async Task A_social_worker_corrects_a_file_then_closes_and_reopens_the_follow_up()
    {
        // The last person of the colleague's caseload by name: no other test opens that file.
        var person = await Site.App.WithDbAsync(db => db.Persons.AsNoTracking()
            .Where(p => p.Status == PersonStatus.Active && db.Users.Any(u => u.Id == p.ReferentId && u.Email == Demo.Colleague.Email))
            .OrderByDescending(p => p.LastName).ThenByDescending(p => p.FirstName).Select(p => new { p.Id, p.FirstName, p.LastName }).FirstAsync());
        var page = await NewPageAsync(Demo.Colleague);
        await page.GotoAsync("/Persons");
        await page.GetByRole(AriaRole.Link, new() { Name = $"{person.LastName} {person.FirstName}" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier la fiche" }).ClickAsync();
        await page.GetByLabel("Commune").FillAsync("Pontivy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Les modifications ont été enregistrées.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".facts").First).ToContainTextAsync("Pontivy");

        await page.GetByLabel("Motif de clôture").FillAsync("La personne a déménagé hors du département.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clore le suivi" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Le suivi a été clos.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".facts").Nth(1)).ToContainTextAsync("La personne a déménagé hors du département.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Rouvrir le suivi" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Clore le suivi" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#journal-title ~ .journal li").Nth(0)).ToContainTextAsync("Réouverture du suivi");
        await Assertions.Expect(page.Locator("#journal-title ~ .journal li").Nth(1)).ToContainTextAsync("Clôture du suivi");
        await Assertions.Expect(page.Locator("#journal-title ~ .journal li").Nth(2)).ToContainTextAsync("Modification du dossier");

        var stored = await Site.App.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.Id == person.Id).Select(p => new { p.City, p.Status }).SingleAsync());
        Assert.Equal("Pontivy", stored.City);
        Assert.Equal(PersonStatus.Active, stored.Status);
    }

    [Fact]
    public async Task A_team_lead_creates_a_file_for_a_worker_of_their_team()
    {
        var page = await NewPageAsync(Demo.Lead);
        await page.GotoAsync("/Persons/Create");
        await page.GetByLabel("Travailleur social référent").SelectOptionAsync(new SelectOptionValue { Label = Demo.Colleague.Name });
        await page.GetByLabel("Prénom (obligatoire)", new() { Exact = true }).FillAsync("Loïc");
        await page.GetByLabel("Nom (obligatoire)", new() { Exact = true }).FillAsync("Kerjean-Moulin");
        await page.GetByLabel("Difficultés de mobilité").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche" }).ClickAsync();

        await page.WaitForURLAsync("**/Persons/Details/**");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Loïc Kerjean-Moulin");
        await Assertions.Expect(page.Locator(".facts").First).ToContainTextAsync(Demo.Colleague.Name);

        // The file is the worker's: it appears in their caseload.
        var worker = await NewPageAsync(Demo.Colleague);
        await worker.GotoAsync("/Persons?q=Kerjean");
        await Assertions.Expect(worker.GetByRole(AriaRole.Link, new() { Name = "Kerjean-Moulin Loïc" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_team_lead_of_another_department_cannot_open_a_Morbihan_file()
    {
        var path = await Site.ResolveAsync("/Persons/Details/{person}", Demo.Worker);
        var page = await NewPageAsync(Demo.Lead29);

        var response = await page.GotoAsync(path);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page introuvable");
    }
}
