using Microsoft.EntityFrameworkCore;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>An administrator adapts a department's checklist: a draft, one changed item, a new published version.</summary>
[Collection(JourneyCollection.Name)]
public sealed class ChecklistJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task An_administrator_rewords_an_item_in_a_draft_publishes_it_and_sees_the_new_version()
    {
        // Ille-et-Vilaine's phone list: the pages checked and pictured show Morbihan's lists, which stay as seeded.
        const string reworded = "Vérifier le numéro et le créneau avec la personne la veille de l'entretien";
        var page = await NewPageAsync(Demo.Admin);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Listes de contrôle" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Consulter ou modifier – Téléphone, CD35" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Liste de contrôle « Téléphone » – Ille-et-Vilaine");
        var firstBefore = (await page.Locator("section[aria-labelledby=current-title] ol").First.Locator("li").First.InnerTextAsync()).Trim();

        await page.GetByRole(AriaRole.Button, new() { Name = "Créer un brouillon pour modifier la liste" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.flash")).ToHaveTextAsync("Un brouillon a été créé à partir de la version en vigueur.");
        await Assertions.Expect(page.GetByText("Vous modifiez le brouillon de la version 2.")).ToBeVisibleAsync();
        var before = page.GetByRole(AriaRole.Region, new() { Name = "Avant l'entretien" });
        await before.GetByLabel("Élément 1", new() { Exact = true }).FillAsync(reworded);
        await before.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'élément 1", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("p.flash")).ToHaveTextAsync("L'élément a été modifié.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Avant l'entretien" }).GetByLabel("Élément 1", new() { Exact = true })).ToHaveValueAsync(reworded);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publier la version 2" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.flash")).ToHaveTextAsync("La nouvelle version est publiée : les prochains entretiens l'utiliseront.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Version 2 en vigueur, publiée le 23/11/2026" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section[aria-labelledby=current-title] ol").First.Locator("li").First).ToContainTextAsync(reworded);

        await page.GetByRole(AriaRole.Region, new() { Name = "Versions" }).GetByRole(AriaRole.Link, new() { Name = "Version 2", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("« Téléphone » – Ille-et-Vilaine : version 2");
        await Assertions.Expect(page.Locator("main ol").First.Locator("li").First).ToContainTextAsync(reworded);
        await Assertions.Expect(page.GetByText($"Publiée le 23/11/2026 à 10:00 par {Demo.Admin.Name}.")).ToBeVisibleAsync();

        var versions = await Site.App.WithDbAsync(db => db.ChecklistTemplates.AsNoTracking()
            .Where(t => t.Modality == Modality.Phone && db.Departments.Any(d => d.Id == t.DepartmentId && d.Code == "CD35"))
            .OrderBy(t => t.Version)
            .Select(t => new { t.Version, Published = t.PublishedAt != null, First = t.Items.Where(i => i.Phase == ChecklistPhase.Before).OrderBy(i => i.Order).Select(i => i.Text).First() })
            .ToListAsync());
        Assert.Equal(2, versions.Count);
        Assert.True(versions.All(v => v.Published));
        Assert.Equal(reworded, versions[1].First);
        Assert.NotEqual(reworded, versions[0].First);
        Assert.StartsWith(versions[0].First, firstBefore, StringComparison.Ordinal);
    }
}
