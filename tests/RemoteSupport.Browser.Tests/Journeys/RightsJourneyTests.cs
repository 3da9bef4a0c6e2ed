using Microsoft.EntityFrameworkCore;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>The person's rights in a real browser: the printable copy of the data and the information notice, printed alone.</summary>
[Collection(JourneyCollection.Name)]
public sealed class RightsJourneyTests(Site site) : BrowserTest(site)
{
    private Task<(Guid Id, string Name)> PersonOfAsync(DemoUser referent) =>
        Site.App.WithDbAsync(async db =>
        {
            var p = await db.Persons.AsNoTracking()
                .Where(p => p.Status == PersonStatus.Active && db.Users.Any(u => u.Id == p.ReferentId && u.Email == referent.Email))
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Select(p => new { p.Id, p.FirstName, p.LastName }).FirstAsync();
            return (p.Id, $"{p.FirstName} {p.LastName}");
        });

    [Fact]
    public async Task A_team_lead_opens_the_printable_copy_of_a_persons_data_and_prints_only_the_document()
    {
        var (id, name) = await PersonOfAsync(Demo.Worker);
        var page = await NewPageAsync(Demo.Lead);
        await page.GotoAsync($"/Persons/Details/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Copie des données (droit d'accès)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Copie des données de {name}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir la version imprimable" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Vos données : copie remise à {name}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Consentements (historique complet)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Consultations de votre dossier" })).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".no-print")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("article.subject-access")).ToBeVisibleAsync();
        var pdf = await page.PdfAsync();
        Assert.True(pdf.Length > 1000);
    }

    [Fact]
    public async Task A_worker_opens_the_notice_records_that_it_was_given_and_the_notice_prints_alone()
    {
        var (id, name) = await PersonOfAsync(Demo.Colleague);
        var page = await NewPageAsync(Demo.Colleague);
        await page.GotoAsync($"/Persons/Details/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Notice d'information" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Notice d'information — vos données et vos droits");
        await Assertions.Expect(page.Locator("article.notice")).ToContainTextAsync("Notre engagement : la charte de confiance");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("article.notice")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".no-print")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GetByLabel("Comment").SelectOptionAsync(new SelectOptionValue { Label = "Remise en main propre" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la remise" }).ClickAsync();
        await page.WaitForURLAsync($"**/Persons/Details/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La remise de la notice d'information est enregistrée.");
        var stored = await Site.App.WithDbAsync(db => db.Persons.Where(p => p.Id == id).Select(p => p.NoticeMethod).SingleAsync());
        Assert.Equal(NoticeMethod.InPerson, stored);
        Assert.NotEmpty(name);
    }
}
