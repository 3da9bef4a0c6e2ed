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

public sealed class PostponeTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Postponing_creates_the_new_interview_with_a_fresh_checklist_and_links_it()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var v1 = await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, template: v1, plan: p =>
            p with { Participants = [new ParticipantPlan("Anne Interprète", ParticipantRelation.Interpreter, PersonAgreed: true)] });
        await Factory.WithDbAsync(async db =>
        {
            var stored = await db.Interviews.Include(i => i.Checklist).FirstAsync(i => i.Id == interview.Id);
            stored.Tick(stored.Checklist.OrderBy(c => c.Phase).ThenBy(c => c.Order).First().Id, true, World.Worker56.Id, TestClock.Start);
            await db.SaveChangesAsync();
        });
        await PublishTemplateAsync(Factory, World.Cd56.Id, Modality.Phone, 2, (ChecklistPhase.Before, "Consigne de la version 2", true));
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Postpone/{interview.Id}", new()
        {
            ["Input.Reason"] = "ThirdPartyHindersFreeSpeech", ["Input.Comment"] = "Le conjoint écoutait", ["Input.NewDate"] = "2026-11-26", ["Input.NewTime"] = "14:00",
        });

        Assert.Contains("L'entretien est reporté au 26/11/2026 à 14:00.", page.Flash);
        var old = await LoadAsync(Factory, interview.Id);
        Assert.Equal(InterviewStatus.Postponed, old.Status);
        Assert.Equal(PostponeReason.ThirdPartyHindersFreeSpeech, old.PostponeReason);
        Assert.Equal($"/Interviews/Details/{old.RescheduledToId}", page.Url.AbsolutePath);
        var fresh = await LoadAsync(Factory, old.RescheduledToId!.Value);
        Assert.Equal(InterviewStatus.Planned, fresh.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero), fresh.ScheduledAt);
        Assert.Equal(old.Objectives, fresh.Objectives);
        Assert.Equal("Anne Interprète", Assert.Single(fresh.Participants).Name);
        var item = Assert.Single(fresh.Checklist);
        Assert.Equal("Consigne de la version 2", item.Text);
        Assert.Null(item.CheckedAt);
        Assert.Contains("Consigne de la version 2", page.Text);

        var journal = await JournalAsync(Factory, person.Id);
        Assert.Equal([ActivityKind.InterviewPostponed, ActivityKind.InterviewScheduled], journal.Select(j => j.Kind));
        Assert.Contains("Un tiers présent empêche une parole libre", journal[0].Description);

        var oldPage = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        Assert.Contains("Voir le nouvel entretien du 26/11/2026 à 14:00", oldPage.Text);
        Assert.Empty(oldPage.Document.QuerySelectorAll(".tick-form"));
    }

    [Fact]
    public async Task Reason_and_new_date_are_required_and_other_needs_a_comment()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Postpone/{interview.Id}", new() { ["Input.NewTime"] = "" });
        Assert.Equal("Choisissez la raison du report.", page.ErrorFor("Input.Reason"));
        Assert.Equal("Indiquez la date.", page.ErrorFor("Input.NewDate"));
        Assert.Equal("Indiquez l'heure de début.", page.ErrorFor("Input.NewTime"));

        page = await client.SubmitAsync($"/Interviews/Postpone/{interview.Id}", new()
        {
            ["Input.Reason"] = "Other", ["Input.NewDate"] = "31/02/2027", ["Input.NewTime"] = "10:00",
        });
        Assert.Equal("Précisez la raison du report.", page.ErrorFor("Input.Comment"));
        Assert.Equal("Saisissez une date qui existe, par exemple 24/11/2026.", page.ErrorFor("Input.NewDate"));

        page = await client.SubmitAsync($"/Interviews/Postpone/{interview.Id}", new() { ["Input.Reason"] = "Météo", ["Input.NewDate"] = "2026-11-26", ["Input.NewTime"] = "10:00" });
        Assert.Equal("Choisissez une raison dans la liste.", page.ErrorFor("Input.Reason"));
        Assert.Equal(1, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task Postponing_checks_the_consent_again_for_the_new_date()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        await ConsentAtAsync(Factory, person, World.Worker56, ConsentDecision.Withdrawn, TestClock.Start.AddMinutes(-1), Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Postpone/{interview.Id}", new()
        {
            ["Input.Reason"] = "ConnectionFailed", ["Input.NewDate"] = "2026-11-26", ["Input.NewTime"] = "10:00",
        });

        Assert.Contains("a retiré son accord pour les échanges par téléphone", page.Summary);
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
        Assert.Equal(1, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task A_new_date_at_night_is_confirmed_first()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var warned = await client.SubmitAsync($"/Interviews/Postpone/{interview.Id}", new()
        {
            ["Input.Reason"] = "PersonUnavailable", ["Input.NewDate"] = "2026-11-26", ["Input.NewTime"] = "21:00",
        });
        Assert.Contains("sort des horaires de travail du service", warned.Text);
        Assert.Equal("21:00", warned.ValueOf("Input.NewTime"));
        Assert.Equal(1, await InterviewCountAsync(Factory));

        var confirm = warned.Document.QuerySelector("input[name='Input.ConfirmedWarnings']")!.GetAttribute("value")!;
        var page = await client.SubmitFormAsync(warned, new() { ["Input.ConfirmedWarnings"] = confirm });
        Assert.Contains("L'entretien est reporté", page.Flash);
        Assert.Equal(2, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task Users_of_another_department_get_404_and_nothing_changes()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        foreach (var outsider in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Interviews/Postpone/{interview.Id}")).Status);
            var post = await ForgedPostAsync(client, $"/Interviews/Postpone/{interview.Id}", ("Input.Reason", "PersonUnavailable"),
                ("Input.NewDate", "2026-11-26"), ("Input.NewTime", "10:00"), ("Version", interview.Version.ToString()));
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
        Assert.Equal(1, await InterviewCountAsync(Factory));
    }
}
