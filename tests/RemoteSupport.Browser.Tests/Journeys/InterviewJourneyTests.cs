using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>A remote interview from the consent to the report, as a social worker does it with the mouse.</summary>
[Collection(JourneyCollection.Name)]
public sealed partial class InterviewJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task A_social_worker_records_consents_then_prepares_runs_and_reports_a_video_interview_that_ends_on_plan_B()
    {
        var page = await NewPageAsync(Demo.Worker);

        // A new person, then their phone and video consents, given orally during a call.
        await page.GotoAsync("/Persons/Create");
        await page.GetByLabel("Prénom (obligatoire)", new() { Exact = true }).FillAsync("Nolwenn");
        await page.GetByLabel("Nom (obligatoire)", new() { Exact = true }).FillAsync("Kervella-Essai");
        await page.GetByLabel("Téléphone").FillAsync("06 21 43 65 87");
        await page.GetByLabel("Éloignement géographique").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche" }).ClickAsync();
        await page.WaitForURLAsync("**/Persons/Details/**");
        foreach (var modality in new[] { "Téléphone", "Visioconférence" })
        {
            // The row of the modality in the consent table leads to the form with that modality chosen.
            await page.GetByRole(AriaRole.Link, new() { Name = $"Enregistrer une réponse pour : {modality.ToLowerInvariant()}" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Modalité")).ToHaveValueAsync(modality == "Téléphone" ? nameof(Modality.Phone) : nameof(Modality.Video));
            await page.GetByLabel("Accordé : la personne est d'accord").CheckAsync();
            await page.GetByLabel("Recueillie comment").SelectOptionAsync(new SelectOptionValue { Label = "À l'oral, pendant un appel" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
            await Assertions.Expect(Flash(page)).ToContainTextAsync($"La réponse a été enregistrée. {modality} : ");
        }

        // A video interview on Tuesday, with an approved tool and the phone as plan B.
        await page.GetByRole(AriaRole.Link, new() { Name = "Planifier un entretien" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Modalité" }).GetByRole(AriaRole.Radio, new() { Name = "Visioconférence" }).CheckAsync();
        await page.GetByLabel("Date (obligatoire, jj/mm/aaaa)").FillAsync("2026-11-24");
        await page.GetByLabel("Heure de début (obligatoire, hh:mm)").FillAsync("10:30");
        await page.GetByLabel("Objectifs annoncés à la personne").FillAsync("Faire le point sur la demande de logement et les pièces qui manquent.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Visio départementale" }).CheckAsync();
        await page.GetByLabel("Basculer vers").SelectOptionAsync(new SelectOptionValue { Value = nameof(Modality.Phone) });
        await page.GetByLabel("Numéro à appeler si la connexion échoue").FillAsync("06 21 43 65 87");
        await SubmitConfirmingWarningsAsync(page, "Planifier l'entretien");
        await Assertions.Expect(Flash(page)).ToHaveTextAsync("L'entretien est planifié, avec la liste de contrôle du département.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Entretien par visioconférence avec Nolwenn Kervella-Essai");
        await Assertions.Expect(page.Locator(".title-row .tag")).ToHaveTextAsync("Prévu");
        var interviewUrl = page.Url;

        // Prepared, started, carried out; the connection fails and the call goes on by phone.
        await TickWholePhaseAsync(page, "Before", "Avant");
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer l'entretien" }).ClickAsync();
        await Assertions.Expect(Flash(page)).ToContainTextAsync("L'entretien a commencé.");
        await Assertions.Expect(page.Locator(".title-row .tag")).ToHaveTextAsync("En cours");
        await TickWholePhaseAsync(page, "During", "Pendant");
        var course = page.GetByRole(AriaRole.Region, new() { Name = "Déroulement" });
        await course.GetByLabel("Passer au plan B").SelectOptionAsync(new SelectOptionValue { Label = "Téléphone" });
        await course.GetByLabel("Pourquoi").FillAsync("Image figée puis son coupé chez la personne.");
        await course.GetByRole(AriaRole.Button, new() { Name = "Passer au plan B" }).ClickAsync();
        await Assertions.Expect(Flash(page)).ToHaveTextAsync("L'entretien continue par téléphone.");
        var plan = page.GetByRole(AriaRole.Region, new() { Name = "Ce qui est prévu" });
        await Assertions.Expect(plan).ToContainTextAsync("Visioconférence — en cours par téléphone");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Participants" }))
            .ToContainTextAsync("de visioconférence à téléphone — Image figée puis son coupé chez la personne.");

        // The report: a summary, who does what by when, and the next appointment, by phone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Terminer et rédiger le compte rendu" }).ClickAsync();
        Assert.Equal(0, await page.Locator("#missing-items").CountAsync());
        await page.GetByLabel("Compte rendu, partagé avec l'équipe").FillAsync("Dossier de logement relu ensemble ; il manque l'avis d'imposition.");
        var firstAction = page.GetByRole(AriaRole.Group, new() { Name = "Suite 1", Exact = true });
        await firstAction.GetByLabel("Qui").FillAsync("La personne");
        await firstAction.GetByLabel("Quoi").FillAsync("Envoyer l'avis d'imposition au bailleur");
        await firstAction.GetByLabel("Pour le (jj/mm/aaaa)").FillAsync("2026-12-04");
        await page.GetByLabel("Date (jj/mm/aaaa)", new() { Exact = true }).FillAsync("2026-12-08");
        await page.GetByLabel("Heure de début (hh:mm)", new() { Exact = true }).FillAsync("14:00");
        await page.GetByLabel("Modalité", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Téléphone" });
        await page.GetByLabel("Objectifs du prochain rendez-vous").FillAsync("Vérifier que le bailleur a reçu l'avis d'imposition.");
        await SubmitConfirmingWarningsAsync(page, "Enregistrer le compte rendu");
        await Assertions.Expect(Flash(page)).ToHaveTextAsync("Le compte rendu est enregistré et le prochain rendez-vous est planifié le 08/12/2026 à 14:00.");
        Assert.Equal(interviewUrl, page.Url);
        await Assertions.Expect(page.Locator(".title-row .tag")).ToHaveTextAsync("Réalisé");
        var report = page.GetByRole(AriaRole.Region, new() { Name = "Compte rendu" });
        await Assertions.Expect(report).ToContainTextAsync("Dossier de logement relu ensemble ; il manque l'avis d'imposition.");
        await Assertions.Expect(report.GetByRole(AriaRole.Link, new() { Name = "08/12/2026 à 14:00" })).ToBeVisibleAsync();

        // The person's page tells the whole story.
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la fiche de Nolwenn Kervella-Essai" }).ClickAsync();
        var interviews = page.GetByRole(AriaRole.Region, new() { Name = "Entretiens" });
        await Assertions.Expect(interviews.Locator("ul.interview-list").Nth(0)).ToContainTextAsync("08/12/2026 à 14:00 — Téléphone, 45 min Prévu");
        await Assertions.Expect(interviews.Locator("ul.interview-list").Nth(1)).ToContainTextAsync("24/11/2026 à 10:30 — Visioconférence Réalisé");
        var actions = page.GetByRole(AriaRole.Table, new() { Name = "Suites à donner en cours" });
        await Assertions.Expect(actions.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("La personne Envoyer l'avis d'imposition au bailleur 04/12/2026");
        var journal = await page.Locator("#journal-title ~ .journal li strong").AllInnerTextsAsync();
        Assert.Equal(
            ["Consentement", "Consentement", "Création du dossier", "Entretien commencé", "Entretien planifié", "Entretien planifié", "Entretien réalisé", "Passage au plan B"],
            journal.Order(StringComparer.Ordinal));

        var stored = await Site.App.WithDbAsync(db => db.Interviews.AsNoTracking().Include(i => i.FallbackSwitches).Include(i => i.Checklist)
            .Where(i => db.Persons.Any(p => p.Id == i.PersonId && p.LastName == "Kervella-Essai") && i.Modality == Modality.Video).SingleAsync());
        Assert.Equal(InterviewStatus.Completed, stored.Status);
        Assert.Equal(Modality.Phone, stored.CurrentModality);
        Assert.Equal("Image figée puis son coupé chez la personne.", Assert.Single(stored.FallbackSwitches).Reason);
        Assert.All(stored.Checklist.Where(c => c.Phase != Domain.Checklists.ChecklistPhase.After), c => Assert.NotNull(c.CheckedAt));
        Assert.Null(stored.IncompleteChecklistJustification);
        var next = await Site.App.WithDbAsync(db => db.Interviews.AsNoTracking().SingleAsync(i => i.Id == stored.NextInterviewId));
        Assert.Equal((InterviewStatus.Planned, Modality.Phone, new DateTimeOffset(2026, 12, 8, 13, 0, 0, TimeSpan.Zero)), (next.Status, next.Modality, next.ScheduledAt));
        var action = await Site.App.WithDbAsync(db => db.FollowUpActions.AsNoTracking().SingleAsync(a => a.InterviewId == stored.Id));
        Assert.Equal(("La personne", new DateOnly(2026, 12, 4)), (action.Who, action.DueOn));
    }

    [Fact]
    public async Task A_video_interview_without_video_consent_is_refused_next_to_the_form_and_what_was_typed_stays()
    {
        // A person of the worker's caseload who never answered about video (reading only: nothing is stored).
        var person = await Site.App.WithDbAsync(db => db.Persons.AsNoTracking()
            .Where(p => p.Status == PersonStatus.Active && db.Users.Any(u => u.Id == p.ReferentId && u.Email == Demo.Worker.Email)
                && !db.Consents.Any(c => c.PersonId == p.Id && c.Modality == Modality.Video))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Select(p => new { p.Id }).FirstAsync());
        var before = await Site.App.WithDbAsync(db => db.Interviews.CountAsync(i => i.PersonId == person.Id));
        var page = await NewPageAsync(Demo.Worker);
        await page.GotoAsync($"/Interviews/Schedule/{person.Id}");

        const string objectives = "Préparer ensemble le renouvellement des droits à la caisse.";
        await page.GetByRole(AriaRole.Group, new() { Name = "Modalité" }).GetByRole(AriaRole.Radio, new() { Name = "Visioconférence" }).CheckAsync();
        await page.GetByLabel("Date (obligatoire, jj/mm/aaaa)").FillAsync("2026-11-26");
        await page.GetByLabel("Heure de début (obligatoire, hh:mm)").FillAsync("11:00");
        await page.GetByLabel("Objectifs annoncés à la personne").FillAsync(objectives);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Visio de l'État" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier l'entretien" }).ClickAsync();

        var refusal = page.Locator(".error-summary");
        await Assertions.Expect(refusal).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(refusal).ToContainTextAsync("La personne n'a pas encore donné son accord pour un échange par visioconférence.");
        Assert.Equal($"/Interviews/Schedule/{person.Id}", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByLabel("Objectifs annoncés à la personne")).ToHaveValueAsync(objectives);
        await Assertions.Expect(page.GetByLabel("Date (obligatoire, jj/mm/aaaa)")).ToHaveValueAsync("2026-11-26");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Visio de l'État" })).ToBeCheckedAsync();
        Assert.Equal(before, await Site.App.WithDbAsync(db => db.Interviews.CountAsync(i => i.PersonId == person.Id)));
    }

    private static ILocator Flash(IPage page) => page.Locator("p.flash");

    /// <summary>
    /// Sends the form and, when the slot deserves a second look (the page shows its warnings), confirms it and sends
    /// again: the step a worker takes for a person never met face to face. Waits for the page that follows.
    /// </summary>
    private static async Task SubmitConfirmingWarningsAsync(IPage page, string button)
    {
        var warnings = page.Locator("#slot-warnings");
        var errors = page.Locator(".error-summary");
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await warnings.Or(errors).Or(Flash(page)).First.WaitForAsync();
        if (await warnings.IsVisibleAsync())
        {
            await page.GetByLabel("Je confirme ce créneau malgré ces points").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await errors.Or(Flash(page)).First.WaitForAsync();
        }
        Assert.False(await errors.IsVisibleAsync(), $"The form was refused: {(await errors.IsVisibleAsync() ? await errors.InnerTextAsync() : "")}");
    }

    /// <summary>Ticks every item of a checklist phase on the interview page, one click each.</summary>
    private static async Task TickWholePhaseAsync(IPage page, string phase, string french)
    {
        var section = page.Locator($"section.phase[data-phase={phase}]");
        var toTick = section.GetByRole(AriaRole.Button, new() { NameRegex = StartsWithCocher() });
        var total = await section.Locator("li.checklist-item").CountAsync();
        Assert.True(total > 0, $"The {french} phase has nothing to tick.");
        for (var left = total; left > 0; left--)
        {
            await toTick.First.ClickAsync();
            await Assertions.Expect(toTick).ToHaveCountAsync(left - 1);
        }
        await Assertions.Expect(section.Locator(".progress-label")).ToHaveTextAsync($"{french} : {total} sur {total} cochés");
    }

    [GeneratedRegex("^Cocher")]
    private static partial Regex StartsWithCocher();
}
