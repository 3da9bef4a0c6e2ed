using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.TeamLead.TeamLeadData;

namespace RemoteSupport.Web.Tests.Pages.TeamLead;

public sealed class PrioritiesTests(AppFactory factory) : WebTest(factory)
{
    /// <summary>The persons in the order shown, each with the text of its row.</summary>
    internal static List<(string Name, string Text)> Rows(Page page) =>
        page.Document.QuerySelectorAll("table.priorities tbody tr")
            .Select(tr => (tr.QuerySelector("td a")!.TextContent.Trim(), tr.TextContent))
            .ToList();

    [Fact]
    public async Task Persons_are_ranked_by_score_and_each_row_says_why()
    {
        await CalmPersonAsync(Factory, World.Worker56, "Calme");
        await CalmPersonAsync(Factory, World.Worker56, "Oubliée", p => { p.RiskLevel = RiskLevel.High; p.LastContactAt = Now.AddDays(-52); });
        var late = await PersonAsync(Factory, World.Colleague56, "Suites", p => { p.RiskLevel = RiskLevel.Medium; p.LastContactAt = Now.AddDays(-2); });
        await ActionAsync(Factory, late, new DateOnly(2026, 11, 1));
        await ActionAsync(Factory, late, new DateOnly(2026, 11, 10));
        await ActionAsync(Factory, late, new DateOnly(2026, 11, 2), done: true);

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Priorities");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = Rows(page);
        Assert.Equal(["Oubliée Anne", "Suites Anne", "Calme Anne"], rows.Select(r => r.Name));
        Assert.Contains("Risque élevé", rows[0].Text);
        Assert.Contains("Aucun contact depuis 52 jours (convenu : tous les 30 jours)", rows[0].Text);
        Assert.Contains("Seuil d'alerte du département dépassé (45 jours)", rows[0].Text);
        Assert.Contains("2 suites en retard", rows[1].Text);
        Assert.Contains("Aucun consentement à distance en cours", rows[1].Text);
        Assert.Contains("Risque modéré", rows[1].Text);
        Assert.Contains("Rien à signaler", rows[2].Text);
        Assert.Contains("Hugo Collègue", rows[1].Text);
        Assert.Contains("3 personne(s) suivie(s)", page.Text);
    }

    [Fact]
    public async Task Face_to_face_needs_no_shows_and_plan_B_switches_are_reasons()
    {
        var person = await CalmPersonAsync(Factory, World.Worker56, "Visio", p => p.FirstFaceToFaceMeetingOn = null);
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Video, Now.AddDays(-20), InterviewStatus.Completed,
            new InterviewOutcome("Point d'étape", FaceToFaceNeeded: true, FaceToFaceReason: FaceToFaceReason.HomeObservation));
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Phone, Now.AddDays(-10), InterviewStatus.NoShow);
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Phone, Now.AddDays(-5), InterviewStatus.NoShow);
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Video, Now.AddDays(-40), InterviewStatus.Completed, fallbackTo: Modality.Phone);
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Video, Now.AddDays(-30), InterviewStatus.Completed,
            fallbackTo: Modality.AudioConference);

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Priorities");

        var row = Assert.Single(Rows(page));
        Assert.Contains("Rencontre physique nécessaire : observation du logement ou des conditions de vie", row.Text);
        Assert.Contains("Jamais rencontrée en personne", row.Text);
        Assert.Contains("2 absences en 3 mois", row.Text);
        Assert.Contains("2 passages au plan B en 3 mois", row.Text);
    }

    [Fact]
    public async Task A_later_completed_interview_without_the_request_ends_the_face_to_face_need()
    {
        var person = await CalmPersonAsync(Factory, World.Worker56, "Rencontrée");
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Phone, Now.AddDays(-20), InterviewStatus.Completed,
            new InterviewOutcome("Point d'étape", FaceToFaceNeeded: true, FaceToFaceReason: FaceToFaceReason.Signature));
        var client = await SignInAsync(World.Lead56);
        Assert.Contains("Rencontre physique nécessaire : signature de documents", Assert.Single(Rows(await client.GetAsync("/TeamLead/Priorities"))).Text);

        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Phone, Now.AddDays(-1), InterviewStatus.Completed);

        Assert.DoesNotContain("Rencontre physique", Assert.Single(Rows(await client.GetAsync("/TeamLead/Priorities"))).Text);
    }

    [Fact]
    public async Task A_withdrawn_consent_counts_as_no_consent()
    {
        var person = await CalmPersonAsync(Factory, World.Worker56, "Retrait");
        await ConsentAsync(Factory, person, Modality.Phone, Domain.Consents.ConsentDecision.Withdrawn, Now.AddDays(-1));

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Priorities");

        Assert.Contains("Aucun consentement à distance en cours", Assert.Single(Rows(page)).Text);
    }

    [Fact]
    public async Task The_list_follows_every_write_and_the_passing_days()
    {
        var person = await CalmPersonAsync(Factory, World.Worker56, "Suivie");
        var client = await SignInAsync(World.Lead56);
        Assert.Contains("Rien à signaler", Assert.Single(Rows(await client.GetAsync("/TeamLead/Priorities"))).Text);

        // A write by another feature (an action decided in an interview) shows at the next view.
        await ActionAsync(Factory, person, new DateOnly(2026, 11, 20));
        Assert.Contains("1 suite en retard", Assert.Single(Rows(await client.GetAsync("/TeamLead/Priorities"))).Text);

        // Time passing alone changes the score: 40 days later the contact is overdue.
        Factory.Clock.Advance(TimeSpan.FromDays(40));
        client = await SignInAsync(World.Lead56); // the sign-in cookie lasts 8 hours
        var text = Assert.Single(Rows(await client.GetAsync("/TeamLead/Priorities"))).Text;
        Assert.Contains("Aucun contact depuis 43 jours (convenu : tous les 30 jours)", text);
    }

    [Fact]
    public async Task A_team_lead_sees_their_team_and_not_another_team_of_the_department()
    {
        await CalmPersonAsync(Factory, World.Worker56, "Vannetaise");
        await CalmPersonAsync(Factory, World.OtherTeamWorker56, "Lorientaise");

        var page = await (await SignInAsync(World.Lead56)).GetAsync($"/TeamLead/Priorities?team={World.Lorient.Id}&worker={World.OtherTeamWorker56.Id}");

        Assert.Equal(["Vannetaise Anne"], Rows(page).Select(r => r.Name));
        Assert.DoesNotContain("Lorientaise", page.Text);
        Assert.DoesNotContain("Inès Lorient", page.Text);
    }

    [Fact]
    public async Task A_department_lead_sees_every_team_and_can_narrow_to_one_team_or_one_worker()
    {
        await CalmPersonAsync(Factory, World.Worker56, "Vannetaise");
        await CalmPersonAsync(Factory, World.Colleague56, "Collègue");
        await CalmPersonAsync(Factory, World.OtherTeamWorker56, "Lorientaise");
        await CalmPersonAsync(Factory, World.Worker29, "Brestoise");
        var client = await SignInAsync(await DepartmentLeadAsync(Factory, World));

        var all = await client.GetAsync("/TeamLead/Priorities");
        Assert.Equal(["Collègue Anne", "Lorientaise Anne", "Vannetaise Anne"], Rows(all).Select(r => r.Name).Order());

        var lorient = await client.GetAsync($"/TeamLead/Priorities?team={World.Lorient.Id}");
        Assert.Equal(["Lorientaise Anne"], Rows(lorient).Select(r => r.Name));

        var one = await client.GetAsync($"/TeamLead/Priorities?team={World.Vannes.Id}&worker={World.Colleague56.Id}");
        Assert.Equal(["Collègue Anne"], Rows(one).Select(r => r.Name));
        Assert.Contains("Les personnes suivies par Hugo Collègue", one.Text);
    }

    [Fact]
    public async Task A_lead_of_another_department_sees_nothing_of_it_whatever_the_query_string()
    {
        await CalmPersonAsync(Factory, World.Worker56, "Morbihannaise", p => p.RiskLevel = RiskLevel.High);
        await CalmPersonAsync(Factory, World.Worker29, "Finistérienne");

        var page = await (await SignInAsync(World.Lead29)).GetAsync($"/TeamLead/Priorities?team={World.Vannes.Id}&worker={World.Worker56.Id}");

        Assert.Equal(["Finistérienne Anne"], Rows(page).Select(r => r.Name));
        Assert.DoesNotContain("Morbihannaise", page.Text);
        Assert.DoesNotContain("Léa Travailleuse", page.Text);
        Assert.DoesNotContain("Pays de Vannes", page.Text);
    }

    [Fact]
    public async Task Social_workers_and_administrators_cannot_open_the_team_lead_pages()
    {
        foreach (var user in new[] { World.Worker56, World.Admin56 })
        {
            var client = await SignInAsync(user);
            foreach (var url in new[] { "/TeamLead/Priorities", "/TeamLead/Workload", "/TeamLead/Figures", "/TeamLead/Reassign" })
            {
                var page = await client.GetAsync(url);
                Assert.Equal("/Account/AccessDenied", page.Url.AbsolutePath);
            }
        }
    }

    [Fact]
    public async Task Persons_of_a_deactivated_worker_are_flagged_as_waiting_for_a_new_referent()
    {
        await CalmPersonAsync(Factory, World.Colleague56, "Orpheline");
        await CalmPersonAsync(Factory, World.Worker56, "Suivie");
        await DeactivateAsync(Factory, World.Colleague56);

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Priorities");

        Assert.Contains("1 personne(s) suivie(s) par un compte désactivé attendent un nouveau référent.", page.Text);
        var orphan = Rows(page).Single(r => r.Name == "Orpheline Anne");
        Assert.Contains("À réassigner", orphan.Text);
        Assert.DoesNotContain("À réassigner", Rows(page).Single(r => r.Name == "Suivie Anne").Text);
    }

    [Fact]
    public async Task Closed_follow_ups_are_not_listed()
    {
        await CalmPersonAsync(Factory, World.Worker56, "Close", p => p.Close("Fin", Now.AddDays(-1)));
        await CalmPersonAsync(Factory, World.Worker56, "Ouverte");

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Priorities");

        Assert.Equal(["Ouverte Anne"], Rows(page).Select(r => r.Name));
    }

    [Fact]
    public async Task A_long_list_is_paged_fifty_at_a_time()
    {
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 55; i++)
            {
                db.Persons.Add(AccompaniedPerson.Seed(new PersonSeed
                {
                    DepartmentId = World.Cd56.Id, ReferentId = World.Worker56.Id, FirstName = "Anne", LastName = $"Personne{i:00}",
                    CreatedAt = Now.AddDays(-100), LastContactAt = Now.AddDays(-i), FirstFaceToFaceMeetingOn = new DateOnly(2026, 1, 1),
                }));
            }
            await db.SaveChangesAsync();
        });
        var client = await SignInAsync(World.Lead56);

        var first = await client.GetAsync("/TeamLead/Priorities");
        Assert.Equal(50, Rows(first).Count);
        Assert.Contains("Page 1 sur 2", first.Text);
        var next = first.Document.QuerySelector(".pager a")!.GetAttribute("href")!;

        var second = await client.GetAsync("/TeamLead/Priorities" + next);
        Assert.Equal(5, Rows(second).Count);
        Assert.Equal("Rang 51", second.Document.QuerySelector("table.priorities tbody tr td")!.TextContent.Trim());
        var odd = await client.GetAsync("/TeamLead/Priorities?pageNumber=-4&worker=abc&team=zz");
        Assert.Equal(HttpStatusCode.OK, odd.Status);
        Assert.Equal(50, Rows(odd).Count);
    }

    [Fact]
    public async Task The_stored_scores_are_consistent_with_the_persons_after_a_refresh()
    {
        var person = await CalmPersonAsync(Factory, World.Worker56, "Stockée", p => p.RiskLevel = RiskLevel.High);
        await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Priorities");

        var stored = await Factory.WithDbAsync(db => db.PersonPriorities.SingleAsync(p => p.PersonId == person.Id));
        Assert.False(stored.IsStale);
        Assert.Equal(30, stored.Score);
        Assert.Equal(new DateOnly(2026, 11, 23), stored.ComputedOn);
        Assert.Equal(World.Worker56.Id, stored.ReferentId);
    }
}
