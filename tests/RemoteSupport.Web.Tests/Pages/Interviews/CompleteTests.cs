using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

public sealed class CompleteTests(AppFactory factory) : WebTest(factory)
{
    private async Task<(Domain.Persons.AccompaniedPerson Person, Interview Interview)> InProgressAsync(bool tickRequired)
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone, Modality.Sms);
        var template = await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, at: TestClock.Start.AddMinutes(-40), template: template,
            status: InterviewStatus.InProgress, configure: i =>
        {
            if (tickRequired)
                foreach (var item in i.Checklist.Where(c => c.Required && c.Phase != ChecklistPhase.After))
                    i.Tick(item.Id, true, World.Worker56.Id, TestClock.Start.AddMinutes(-30));
        });
        return (person, interview);
    }

    [Fact]
    public async Task Completing_is_refused_while_required_items_are_unticked_and_keeps_the_text()
    {
        var (_, interview) = await InProgressAsync(tickRequired: false);
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Interviews/Complete/{interview.Id}");
        Assert.Contains("Avant — Lieu calme et confidentiel des deux côtés", form.Document.QuerySelector("#missing-items")!.TextContent);
        Assert.Contains("Pendant — Reformuler ce qui a été compris", form.Document.QuerySelector("#missing-items")!.TextContent);
        Assert.DoesNotContain("Consigner l'entretien", form.Document.QuerySelector("#missing-items")!.TextContent);

        var page = await client.SubmitFormAsync(form, new() { ["Input.Summary"] = "Demande de logement déposée." });

        Assert.Contains("Des éléments obligatoires « Avant » ou « Pendant » ne sont pas cochés", page.Summary);
        Assert.Equal("Demande de logement déposée.", page.ValueOf("Input.Summary"));
        Assert.Equal(InterviewStatus.InProgress, (await LoadAsync(Factory, interview.Id)).Status);
    }

    [Fact]
    public async Task Completing_with_an_explanation_records_the_summary_follow_ups_and_last_contact()
    {
        var (person, interview) = await InProgressAsync(tickRequired: false);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Complete/{interview.Id}", new()
        {
            ["Input.Summary"] = "Demande de logement déposée.",
            ["Input.PrivateNote"] = "Semblait inquiète pour son fils",
            ["Input.IncompleteChecklistJustification"] = "Appel écourté par la personne.",
            ["Input.FollowUps[0].Who"] = "Léa Travailleuse", ["Input.FollowUps[0].What"] = "Relancer le bailleur", ["Input.FollowUps[0].DueOn"] = "2026-12-01",
            ["Input.FollowUps[2].Who"] = "La personne", ["Input.FollowUps[2].What"] = "Envoyer l'avis d'imposition", ["Input.FollowUps[2].DueOn"] = "05/12/2026",
            ["Input.FaceToFaceTopics"] = "Les dettes de loyer",
            ["Input.FaceToFaceNeeded"] = "true", ["Input.FaceToFaceReason"] = "HomeObservation",
        });

        Assert.Equal($"/Interviews/Details/{interview.Id}", page.Url.AbsolutePath);
        Assert.Contains("Le compte rendu est enregistré.", page.Flash);
        Assert.Contains("Relancer le bailleur", page.Text);
        Assert.Contains("Semblait inquiète pour son fils", page.Text);

        var stored = await LoadAsync(Factory, interview.Id);
        Assert.Equal(InterviewStatus.Completed, stored.Status);
        Assert.Equal("Demande de logement déposée.", stored.Summary);
        Assert.Equal("Semblait inquiète pour son fils", stored.PrivateNote);
        Assert.Equal("Appel écourté par la personne.", stored.IncompleteChecklistJustification);
        Assert.True(stored.FaceToFaceNeeded);
        Assert.Equal(FaceToFaceReason.HomeObservation, stored.FaceToFaceReason);
        Assert.Equal("Les dettes de loyer", stored.FaceToFaceTopics);
        Assert.Equal(TestClock.Start, stored.EndedAt);

        var actions = await Factory.WithDbAsync(db => db.FollowUpActions.AsNoTracking().OrderBy(a => a.DueOn).ToListAsync());
        Assert.Equal([("Relancer le bailleur", new DateOnly(2026, 12, 1)), ("Envoyer l'avis d'imposition", new DateOnly(2026, 12, 5))],
            actions.Select(a => (a.What, a.DueOn)));
        Assert.All(actions, a => Assert.Equal((person.Id, interview.Id), (a.PersonId, a.InterviewId!.Value)));

        var lastContact = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.Id == person.Id).Select(p => p.LastContactAt).SingleAsync());
        Assert.Equal(TestClock.Start, lastContact);

        var entry = Assert.Single(await JournalAsync(Factory, person.Id));
        Assert.Equal(ActivityKind.InterviewCompleted, entry.Kind);
        Assert.Contains("Rencontre physique nécessaire", entry.Description);
        Assert.DoesNotContain("inquiète", entry.Description);

        // Nobody else sees the private note, and the person's journal never carries it.
        var lead = await SignInAsync(World.Lead56);
        Assert.DoesNotContain("Semblait inquiète", (await lead.GetAsync($"/Interviews/Details/{interview.Id}")).Html);
        Assert.DoesNotContain("Semblait inquiète", (await lead.GetAsync($"/Persons/Details/{person.Id}")).Html);
    }

    [Fact]
    public async Task The_next_appointment_creates_the_next_planned_interview_with_the_same_modality()
    {
        var (person, interview) = await InProgressAsync(tickRequired: true);
        await PublishTemplateAsync(Factory, World.Cd56.Id, Modality.Phone, 2, (ChecklistPhase.Before, "Consigne version 2", true));
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Interviews/Complete/{interview.Id}");
        Assert.Null(form.Document.QuerySelector("#missing-items"));
        Assert.Equal("Phone", form.ValueOf("Input.NextModality"));
        var page = await client.SubmitFormAsync(form, new()
        {
            ["Input.Summary"] = "Point d'étape.", ["Input.NextDate"] = "2026-12-07", ["Input.NextTime"] = "11:00",
        });

        Assert.Contains("le prochain rendez-vous est planifié le 07/12/2026 à 11:00", page.Flash);
        var stored = await LoadAsync(Factory, interview.Id);
        Assert.NotNull(stored.NextInterviewId);
        var next = await LoadAsync(Factory, stored.NextInterviewId!.Value);
        Assert.Equal(InterviewStatus.Planned, next.Status);
        Assert.Equal(Modality.Phone, next.Modality);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), next.ScheduledAt);
        Assert.Equal(45, next.DurationMinutes);
        Assert.Equal(World.Worker56.Id, next.WorkerId);
        Assert.Equal("Consigne version 2", Assert.Single(next.Checklist).Text);
        Assert.Contains("Suite de l'entretien du 23/11/2026", next.Objectives);

        var journal = await JournalAsync(Factory, person.Id);
        Assert.Equal([ActivityKind.InterviewCompleted, ActivityKind.InterviewScheduled], journal.Select(j => j.Kind));
    }

    [Fact]
    public async Task The_next_appointment_checks_consent_again_and_nothing_is_saved_when_refused()
    {
        var (person, interview) = await InProgressAsync(tickRequired: true);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Complete/{interview.Id}", new()
        {
            ["Input.Summary"] = "Point d'étape.", ["Input.NextDate"] = "2026-12-07", ["Input.NextTime"] = "11:00", ["Input.NextModality"] = "AudioConference",
        });

        Assert.Contains("pas encore donné son accord pour un échange par audioconférence", page.Summary);
        Assert.Equal("Point d'étape.", page.ValueOf("Input.Summary"));
        Assert.Equal(InterviewStatus.InProgress, (await LoadAsync(Factory, interview.Id)).Status);
        Assert.Equal(1, await InterviewCountAsync(Factory));
        Assert.Empty(await JournalAsync(Factory, person.Id));
    }

    [Fact]
    public async Task Incomplete_follow_up_rows_and_bad_values_get_french_messages()
    {
        var (_, interview) = await InProgressAsync(tickRequired: true);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Complete/{interview.Id}", new()
        {
            ["Input.Summary"] = "",
            ["Input.FollowUps[0].Who"] = "Léa",
            ["Input.FollowUps[1].What"] = "Appeler la CAF", ["Input.FollowUps[1].Who"] = "Moi", ["Input.FollowUps[1].DueOn"] = "2026-11-01",
            ["Input.FaceToFaceNeeded"] = "true", ["Input.FaceToFaceReason"] = "",
            ["Input.NextDate"] = "2026-12-07", ["Input.NextTime"] = "midi", ["Input.NextDurationMinutes"] = "900",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Rédigez le compte rendu partagé avec l'équipe.", page.ErrorFor("Input.Summary"));
        Assert.Equal("Indiquez ce qu'il faut faire.", page.ErrorFor("Input.FollowUps[0].What"));
        Assert.Equal("Indiquez pour quand.", page.ErrorFor("Input.FollowUps[0].DueOn"));
        Assert.Equal("Cette date est déjà passée.", page.ErrorFor("Input.FollowUps[1].DueOn"));
        Assert.Equal("Indiquez pourquoi une rencontre physique est nécessaire.", page.ErrorFor("Input.FaceToFaceReason"));
        Assert.Equal("Saisissez une heure, par exemple 14:30.", page.ErrorFor("Input.NextTime"));
        Assert.Equal("La durée annoncée va de 5 minutes à 3 heures.", page.ErrorFor("Input.NextDurationMinutes"));
        Assert.Equal("Appeler la CAF", page.ValueOf("Input.FollowUps[1].What"));
        Assert.Equal(InterviewStatus.InProgress, (await LoadAsync(Factory, interview.Id)).Status);
    }

    [Fact]
    public async Task A_colleague_completing_is_not_offered_a_private_note_and_cannot_slip_one_in()
    {
        var (_, interview) = await InProgressAsync(tickRequired: true);
        var client = await SignInAsync(World.Colleague56);

        var form = await client.GetAsync($"/Interviews/Complete/{interview.Id}");
        Assert.Null(form.Document.QuerySelector("[name='Input.PrivateNote']"));
        await client.SubmitFormAsync(form, new() { ["Input.Summary"] = "Fait par la collègue.", ["Input.PrivateNote"] = "Note glissée" });

        var stored = await LoadAsync(Factory, interview.Id);
        Assert.Equal(InterviewStatus.Completed, stored.Status);
        Assert.Null(stored.PrivateNote);
    }

    [Fact]
    public async Task A_completed_interview_cannot_be_completed_twice()
    {
        var (_, interview) = await InProgressAsync(tickRequired: true);
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync($"/Interviews/Complete/{interview.Id}");
        await client.SubmitFormAsync(form, new() { ["Input.Summary"] = "Premier compte rendu." });

        var second = await client.SubmitFormAsync(form, new() { ["Input.Summary"] = "Second compte rendu." });

        Assert.Contains("Cet entretien est déjà réalisé.", second.Summary);
        Assert.Equal("Premier compte rendu.", (await LoadAsync(Factory, interview.Id)).Summary);
        Assert.Contains("il n'y a plus de compte rendu à rédiger", (await client.GetAsync($"/Interviews/Complete/{interview.Id}")).Text);
    }

    [Fact]
    public async Task Users_of_another_department_get_404_and_nothing_changes()
    {
        var (person, interview) = await InProgressAsync(tickRequired: true);
        foreach (var outsider in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Interviews/Complete/{interview.Id}")).Status);
            var post = await ForgedPostAsync(client, $"/Interviews/Complete/{interview.Id}", ("Input.Summary", "Intrus"), ("Version", interview.Version.ToString()));
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Equal(InterviewStatus.InProgress, (await LoadAsync(Factory, interview.Id)).Status);
        Assert.Empty(await JournalAsync(Factory, person.Id));
    }
}
