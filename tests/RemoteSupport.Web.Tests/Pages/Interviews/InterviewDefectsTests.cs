using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

/// <summary>Defects found by trying the interview pages as a new user would (issue 12), each pinned by a test.</summary>
public sealed class InterviewDefectsTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task An_interview_dated_next_week_cannot_be_completed_today_and_the_last_contact_does_not_move()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.LastContactAt = TestClock.Start.AddDays(-20));
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, at: Tomorrow10.AddDays(7));
        var client = await SignInAsync(World.Worker56);

        var details = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        Assert.Null(details.Document.QuerySelector($"a[href='/Interviews/Complete/{interview.Id}']"));
        Assert.Contains("Le compte rendu se rédige une fois l'entretien commencé", details.Text);
        var form = await client.GetAsync($"/Interviews/Complete/{interview.Id}");
        Assert.Contains("Cet entretien n'a pas encore eu lieu", form.Document.QuerySelector("#not-yet")!.TextContent);

        // A form posted anyway (an old tab, a hand-made request) is refused by the domain.
        var posted = await ForgedPostAsync(client, $"/Interviews/Complete/{interview.Id}",
            ("Input.Summary", "Compte rendu écrit trop tôt"), ("Version", interview.Version.ToString()));

        Assert.Contains("Cet entretien n'a pas encore eu lieu", posted.Text);
        var stored = await LoadAsync(Factory, interview.Id);
        Assert.Equal(InterviewStatus.Planned, stored.Status);
        Assert.Null(stored.Summary);
        var lastContact = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.Id == person.Id).Select(p => p.LastContactAt).SingleAsync());
        Assert.Equal(TestClock.Start.AddDays(-20), lastContact);
        Assert.Empty(await JournalAsync(Factory, person.Id));
    }

    [Fact]
    public async Task A_validation_error_does_not_add_a_fourth_participant_block()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync($"/Interviews/Schedule/{person.Id}");
        Assert.Equal(3, form.Document.QuerySelectorAll("fieldset.participant").Length);

        var page = await client.SubmitFormAsync(form, new() { ["Input.Modality"] = "Phone", ["Input.Date"] = "", ["Input.Time"] = "10:00" });
        Assert.Equal("Indiquez la date.", page.ErrorFor("Input.Date"));
        Assert.Equal(3, page.Document.QuerySelectorAll("fieldset.participant").Length);

        page = await client.SubmitFormAsync(page, new() { ["Input.Date"] = "" });
        Assert.Equal(3, page.Document.QuerySelectorAll("fieldset.participant").Length);

        // Three filled rows: one blank row is added to name a fourth person, never more.
        page = await client.SubmitFormAsync(page, new()
        {
            ["Input.Date"] = "",
            ["Input.Participants[0].Name"] = "Anne Un", ["Input.Participants[0].Relation"] = "Family", ["Input.Participants[0].PersonAgreed"] = "true",
            ["Input.Participants[1].Name"] = "Anne Deux", ["Input.Participants[1].Relation"] = "Family", ["Input.Participants[1].PersonAgreed"] = "true",
            ["Input.Participants[2].Name"] = "Anne Trois", ["Input.Participants[2].Relation"] = "Family", ["Input.Participants[2].PersonAgreed"] = "true",
        });
        Assert.Equal(4, page.Document.QuerySelectorAll("fieldset.participant").Length);
        Assert.Equal("Anne Trois", page.ValueOf("Input.Participants[2].Name"));
        page = await client.SubmitFormAsync(page, new() { ["Input.Date"] = "" });
        Assert.Equal(4, page.Document.QuerySelectorAll("fieldset.participant").Length);
    }

    [Fact]
    public async Task Field_errors_and_the_consent_refusal_are_shown_together()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "Video", ["Input.Date"] = "31/02/2026", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "45",
            ["Input.Objectives"] = "Point d'étape", ["Input.SendSmsReminder"] = "true",
        });

        Assert.Equal("Saisissez une date qui existe, par exemple 24/11/2026.", page.ErrorFor("Input.Date"));
        Assert.Contains("pas encore donné son accord pour un échange par visioconférence", page.Summary);
        Assert.Contains("Rappel par SMS impossible", page.Summary);
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task The_duration_rule_reads_the_same_on_every_form()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "Phone", ["Input.Date"] = "2026-11-24", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "240",
            ["Input.Objectives"] = "Point d'étape",
        });

        Assert.Equal("La durée annoncée va de 5 minutes à 3 heures.", page.ErrorFor("Input.DurationMinutes"));
    }

    [Fact]
    public async Task Plan_B_offers_only_what_the_person_agreed_to_and_an_error_never_adds_the_interviews_own_modality()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        // Phone interview; audio conference agreed to, nothing else.
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone, Modality.AudioConference);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, Modality.Phone, TestClock.Start.AddMinutes(-5),
            status: InterviewStatus.InProgress);
        var client = await SignInAsync(World.Worker56);

        var details = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        Assert.Equal(["AudioConference"], details.Document.QuerySelectorAll("#planb-to option").Select(o => o.GetAttribute("value")));

        var error = await client.SubmitFormAsync(details, new() { ["Input.Reason"] = "" }, "#planb-form");
        Assert.Equal("Indiquez en quelques mots pourquoi vous passez au plan B.", error.ErrorFor("Input.Reason"));
        Assert.Equal(["AudioConference"], error.Document.QuerySelectorAll("input[name='Input.To']").Select(o => o.GetAttribute("value")));

        // Once the audio conference is withdrawn, plan B has nothing left to offer, and a forged switch is refused.
        await ConsentAtAsync(Factory, person, World.Worker56, ConsentDecision.Withdrawn, TestClock.Start.AddMinutes(-1), Modality.AudioConference);
        Assert.NotNull((await client.GetAsync($"/Interviews/Details/{interview.Id}")).Document.QuerySelector("#planb-none"));
        var planB = await client.GetAsync($"/Interviews/SwitchPlanB/{interview.Id}");
        Assert.Empty(planB.Document.QuerySelectorAll("input[name='Input.To']"));
        var refused = await client.SubmitFormAsync(planB, new() { ["Input.To"] = "AudioConference", ["Input.Reason"] = "Coupure" });
        Assert.Contains("Le passage au plan B n'est pas possible.", refused.Summary);
        Assert.Empty((await LoadAsync(Factory, interview.Id)).FallbackSwitches);
    }

    [Fact]
    public async Task The_schedule_form_does_not_offer_a_plan_B_the_person_has_not_agreed_to()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Video, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Interviews/Schedule/{person.Id}");

        var options = form.Document.QuerySelectorAll("select[name='Input.FallbackModality'] option")
            .Where(o => o.GetAttribute("value") != "").ToDictionary(o => o.GetAttribute("value")!, o => o.HasAttribute("disabled"));
        Assert.Equal(new Dictionary<string, bool> { ["AudioConference"] = true, ["Phone"] = false }, options);
    }

    [Fact]
    public async Task The_agenda_flags_a_cancelled_SMS_reminder_a_slot_outside_working_hours_and_a_person_never_met()
    {
        var reminded = await World.AddPersonAsync(Factory, World.Worker56);
        var late = await World.AddPersonAsync(Factory, World.Worker56, p => { p.FirstName = "Yannick"; p.LastName = "Morvan"; });
        var newcomer = await World.AddPersonAsync(Factory, World.Worker56, p => { p.FirstName = "Zoé"; p.LastName = "Riou"; p.FirstFaceToFaceMeetingOn = null; });
        foreach (var p in new[] { reminded, late, newcomer })
            await ConsentAsync(Factory, p, World.Worker56, ConsentDecision.Granted, Modality.Phone, Modality.Sms);
        await ConsentAtAsync(Factory, reminded, World.Worker56, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-1), Modality.Sms);
        await Factory.WithDbAsync(async db =>
        {
            await TestInterviews.ArrangeAsync(db, reminded, World.Worker56.Id, Modality.Phone, AgendaArrange.Local(2026, 11, 24, 10),
                plan: p => p with { SendSmsReminder = true }, createdAt: TestClock.Start.AddDays(-3));
            await TestInterviews.ArrangeAsync(db, late, World.Worker56.Id, Modality.Phone, AgendaArrange.Local(2026, 11, 24, 18, 30),
                createdAt: TestClock.Start.AddDays(-3));
            await TestInterviews.ArrangeAsync(db, newcomer, World.Worker56.Id, Modality.Phone, AgendaArrange.Local(2026, 11, 25, 10),
                plan: p => p with { SendSmsReminder = true }, createdAt: TestClock.Start.AddDays(-3));
            await db.SaveChangesAsync();
            return true;
        });

        var page = await (await SignInAsync(World.Worker56)).GetAsync("/Interviews/Agenda");

        var rows = page.Document.QuerySelectorAll(".agenda-day tbody tr").ToList();
        Assert.Equal(3, rows.Count);
        string Points(int row) => string.Join(", ", rows[row].QuerySelectorAll("td")[4].QuerySelectorAll(".tag").Select(t => t.TextContent.Trim()));
        Assert.Equal("Rappel SMS annulé", Points(0));
        Assert.Equal("Hors horaires de travail", Points(1));
        Assert.Equal("Pas encore de rencontre physique", Points(2));
    }
}
