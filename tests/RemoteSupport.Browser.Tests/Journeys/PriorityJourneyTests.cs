using RemoteSupport.Browser.Tests.Infrastructure;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>A person a worker has just opened a file for, at risk and never met, reaches the team lead's priorities.</summary>
[Collection(JourneyCollection.Name)]
public sealed class PriorityJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task A_team_lead_finds_a_new_person_at_risk_among_the_first_priorities_with_the_reasons()
    {
        var worker = await NewPageAsync(Demo.Colleague);
        await worker.GotoAsync("/Persons/Create");
        await worker.GetByLabel("Prénom (obligatoire)", new() { Exact = true }).FillAsync("Yvonne");
        await worker.GetByLabel("Nom (obligatoire)", new() { Exact = true }).FillAsync("Priorité-Haute");
        await worker.GetByLabel("Souffrance psychique").CheckAsync();
        await worker.GetByLabel("Niveau de risque").SelectOptionAsync(new SelectOptionValue { Label = "Élevé" });
        await worker.GetByLabel("Vit sans autre personne au foyer (isolement)").CheckAsync();
        await worker.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche" }).ClickAsync();
        await worker.WaitForURLAsync("**/Persons/Details/**");

        var lead = await NewPageAsync(Demo.Lead);
        await lead.GotoAsync("/");
        await lead.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Priorités" }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("À contacter en priorité");
        await lead.GetByLabel("Travailleur social").SelectOptionAsync(new SelectOptionValue { Label = Demo.Colleague.Name });
        await lead.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();

        // Never contacted, high risk, no consent, never met, living alone: on the first page of the worker's list
        // (50 of their 61 persons), each reason in words.
        var first = lead.Locator("main table tbody tr").Filter(new() { HasText = "Priorité-Haute" });
        await Assertions.Expect(first).ToContainTextAsync("Priorité-Haute");
        await Assertions.Expect(first).ToContainTextAsync("Risque élevé");
        await Assertions.Expect(first).ToContainTextAsync("Aucun consentement à distance en cours");
        await Assertions.Expect(first).ToContainTextAsync("Jamais rencontrée en personne");
    }
}
