using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Messaging;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Interviews;
using static RemoteSupport.Web.Tests.Pages.Groups.GroupData;

namespace RemoteSupport.Web.Tests.Pages.Groups;

/// <summary>Group sessions (issue 16), from the worker's forms to the database, the journals and a real SMTP server.</summary>
public sealed class GroupSessionTests(AppFactory factory) : WebTest(factory)
{
    private Task<int> SendDueAsync() => Factory.Services.GetRequiredService<OutboxSender>().RunOnceAsync(CancellationToken.None);

    private static string Body(MimeMessage mail) => mail.TextBody ?? "";

    [Fact]
    public async Task Planning_a_session_shows_its_break_copies_the_group_checklist_and_warns_above_six()
    {
        var tool = await InterviewData.AddToolAsync(Factory, World.Cd56.Id);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync("/Groups/Plan", new()
        {
            ["Input.Theme"] = "Faire le point sur son budget", ["Input.Date"] = "2026-12-01", ["Input.Time"] = "14:00",
            ["Input.DurationMinutes"] = "90", ["Input.Modality"] = "Video", ["Input.ToolId"] = tool.Id.ToString(),
            ["Input.JoinDetails"] = "https://visio.cd56.test/groupe-budget", ["Input.Capacity"] = "7",
            ["Input.Agenda"] = "1. Tour de présentation\n2. Les dépenses du mois", ["Input.FacilitatorId"] = World.Worker56.Id.ToString(),
        });

        Assert.StartsWith("/Groups/Details/", page.Url.AbsolutePath);
        var outline = page.Document.QuerySelector("#outline")!.TextContent;
        Assert.True(outline.Contains("14:40 : pause de 10 minutes"), outline);
        Assert.Contains("14:50 : 40 minutes d'échange", outline);
        Assert.Contains("4 à 6", page.Text);
        Assert.Contains("Tour de présentation : chacun dit son prénom", page.Document.QuerySelector("#checklist-title")!.ParentElement!.TextContent);
        Assert.Contains("Rôles à nommer avant la séance : prise de notes, aide technique", page.Text);
        var template = await Factory.WithDbAsync(db => db.ChecklistTemplates.AsNoTracking().SingleAsync(t => t.Modality == Modality.Group));
        Assert.NotNull(template.PublishedAt);
    }

    [Fact]
    public async Task A_capacity_above_the_department_limit_or_a_long_session_is_refused_next_to_its_field_and_nothing_typed_is_lost()
    {
        var tool = await InterviewData.AddToolAsync(Factory, World.Cd56.Id);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync("/Groups/Plan", new()
        {
            ["Input.Theme"] = "Se remettre en mouvement", ["Input.Date"] = "2026-12-01", ["Input.Time"] = "14:00",
            ["Input.DurationMinutes"] = "120", ["Input.Modality"] = "Video", ["Input.ToolId"] = tool.Id.ToString(), ["Input.Capacity"] = "12",
            ["Input.Agenda"] = "Marcher ensemble", ["Input.FacilitatorId"] = World.Worker56.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/Groups/Plan", page.Url.AbsolutePath);
        Assert.Contains("Le département limite les séances de groupe à 8 participants.", page.Text);
        Assert.Contains("1 h 30 au plus", page.Document.QuerySelector("#Input_DurationMinutes")!.ParentElement!.TextContent);
        Assert.Equal("Se remettre en mouvement", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Theme")!.Value);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.GroupSessions.CountAsync()));
    }

    [Fact]
    public async Task Registering_needs_both_agreements_and_the_invitation_reaches_the_person_without_anyone_elses_name()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var rozenn = await ReadyPersonAsync(Factory, World.Worker56, "Rozenn", "Kerjean", "rozenn@exemple.test");
        var noGroup = await ReadyPersonAsync(Factory, World.Worker56, "Gwenaël", "Le Du", "gwen@exemple.test", Modality.Video, Modality.Email);
        var yves = await ReadyPersonAsync(Factory, World.Colleague56, "Yves", "Le Gall", "yves@exemple.test");
        var client = await SignInAsync(World.Worker56);

        var refused = await client.SubmitAsync($"/Groups/Details/{session.Id}", new() { ["personId"] = noGroup.Id.ToString() }, "#add-form");
        Assert.Contains("n'a pas donné son accord pour participer à un groupe", refused.Text);
        var added = await client.SubmitAsync($"/Groups/Details/{session.Id}", new() { ["personId"] = rozenn.Id.ToString() }, "#add-form");
        Assert.Contains("La personne est inscrite.", added.Text);
        var colleague = await SignInAsync(World.Colleague56);
        await colleague.SubmitAsync($"/Groups/Details/{session.Id}", new() { ["personId"] = yves.Id.ToString() }, "#add-form");

        var stored = await LoadAsync(Factory, session.Id);
        Assert.Equal(2, stored.SeatsTaken);
        Assert.DoesNotContain(stored.Participants, p => p.PersonId == noGroup.Id);
        var journal = await InterviewData.JournalAsync(Factory, rozenn.Id);
        Assert.Contains(journal, e => e.Kind == ActivityKind.GroupSessionPlace && e.Description.Contains("inscription, place obtenue"));

        await SendDueAsync();
        var toRozenn = Assert.Single(Factory.Messaging.Mails, m => ((MailboxAddress)m.To.Single()).Address == "rozenn@exemple.test");
        var text = Body(toRozenn);
        Assert.Contains("Bonjour Rozenn", text);
        Assert.Contains("Thème : Faire le point sur son budget", text);
        Assert.Contains("2. Les dépenses du mois", text);
        Assert.Contains("Pour rejoindre : https://visio.cd56.test/groupe-budget", text);
        Assert.Contains("Le groupe accueille au plus 4 personnes", text);
        Assert.Contains("Une pause de 10 minutes est prévue à 14h40", text);
        var toYves = Body(Assert.Single(Factory.Messaging.Mails, m => ((MailboxAddress)m.To.Single()).Address == "yves@exemple.test"));
        foreach (var other in new[] { "Yves", "Le Gall", "yves@exemple.test", yves.Phone! })
            Assert.DoesNotContain(other, text);
        foreach (var other in new[] { "Rozenn", "Kerjean", "rozenn@exemple.test", rozenn.Phone! })
            Assert.DoesNotContain(other, toYves);
    }

    [Fact]
    public async Task Past_the_capacity_the_person_waits_and_a_freed_seat_goes_to_the_first_in_line_who_is_told()
    {
        var session = await SessionAsync(Factory, World.Worker56, capacity: 2);
        var a = await ReadyPersonAsync(Factory, World.Worker56, "Anne", "Kerhervé", "anne@exemple.test");
        var b = await ReadyPersonAsync(Factory, World.Worker56, "Bleuenn", "Tanguy", "bleuenn@exemple.test");
        var c = await ReadyPersonAsync(Factory, World.Worker56, "Corentin", "Riou", "corentin@exemple.test");
        var client = await SignInAsync(World.Worker56);
        foreach (var p in new[] { a, b, c })
            await client.SubmitAsync($"/Groups/Details/{session.Id}", new() { ["personId"] = p.Id.ToString() }, "#add-form");
        var page = await client.GetAsync($"/Groups/Details/{session.Id}");
        Assert.Contains("2 inscrit(s) sur 2 places · 1 en liste d'attente", page.Document.QuerySelector("#seats")!.TextContent);
        Assert.Contains("Corentin Riou", page.Document.QuerySelector("#waiting")!.TextContent);
        await SendDueAsync();
        Assert.DoesNotContain(Factory.Messaging.Mails, m => ((MailboxAddress)m.To.Single()).Address == "corentin@exemple.test");

        var participantA = (await LoadAsync(Factory, session.Id)).Participants.Single(p => p.PersonId == a.Id);
        var after = await client.SubmitFormAsync(page, new() { ["participantId"] = participantA.Id.ToString() },
            $"form[action*='Withdraw']:has(input[value='{participantA.Id}'])");

        Assert.Contains("La place libérée revient à la première personne de la liste d'attente", after.Text);
        var stored = await LoadAsync(Factory, session.Id);
        Assert.Equal(ParticipantStatus.Registered, stored.Participants.Single(p => p.PersonId == c.Id).Status);
        Assert.Equal(2, stored.SeatsTaken);
        Assert.Contains(await InterviewData.JournalAsync(Factory, c.Id), e => e.Description.Contains("place libérée, inscription depuis la liste d'attente"));
        await SendDueAsync();
        Assert.Single(Factory.Messaging.Mails, m => ((MailboxAddress)m.To.Single()).Address == "corentin@exemple.test");
    }

    [Fact]
    public async Task The_database_refuses_a_second_save_made_from_the_same_seat_count()
    {
        var session = await SessionAsync(Factory, World.Worker56, capacity: 2);
        await EnrolAsync(Factory, session.Id, await ReadyPersonAsync(Factory, World.Worker56, "Jos", "Morvan", "jos@exemple.test"), World.Worker56);
        var a = await ReadyPersonAsync(Factory, World.Worker56, "Anne", "Kerhervé", "anne@exemple.test");
        var b = await ReadyPersonAsync(Factory, World.Colleague56, "Bleuenn", "Tanguy", "bleuenn@exemple.test");
        using var first = Factory.Services.CreateScope();
        using var second = Factory.Services.CreateScope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem();
        var s1 = await db1.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == session.Id);
        var s2 = await db2.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == session.Id);
        // Both organisers see one free seat and give it.
        Assert.Equal(ParticipantStatus.Registered, s1.Enrol(PersonStanding.Of(a), true, await db1.Consents.Where(x => x.PersonId == a.Id).ToListAsync(), World.Worker56.Id, TestClock.Start).Status);
        Assert.Equal(ParticipantStatus.Registered, s2.Enrol(PersonStanding.Of(b), true, await db2.Consents.Where(x => x.PersonId == b.Id).ToListAsync(), World.Colleague56.Id, TestClock.Start).Status);
        await db1.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        var stored = await LoadAsync(Factory, session.Id);
        Assert.Equal(2, stored.SeatsTaken);
        Assert.Contains(stored.Participants, p => p.PersonId == a.Id);
        Assert.DoesNotContain(stored.Participants, p => p.PersonId == b.Id);
    }

    [Fact]
    public async Task Two_organisers_booking_the_last_seat_at_once_give_it_to_one_and_put_the_other_on_the_waiting_list()
    {
        // Three rounds, each on a fresh session: the saves race differently each time, the count must hold every time.
        for (var round = 0; round < 3; round++)
        {
            var session = await SessionAsync(Factory, World.Worker56, capacity: 2);
            var first = await ReadyPersonAsync(Factory, World.Worker56, "Anne", "Kerhervé", $"anne{round}@exemple.test");
            await EnrolAsync(Factory, session.Id, first, World.Worker56);
            var a = await ReadyPersonAsync(Factory, World.Worker56, "Bleuenn", "Tanguy", $"bleuenn{round}@exemple.test");
            var b = await ReadyPersonAsync(Factory, World.Colleague56, "Corentin", "Riou", $"corentin{round}@exemple.test");
            var workerA = await SignInAsync(World.Worker56);
            var workerB = await SignInAsync(World.Colleague56);
            var pageA = await workerA.GetAsync($"/Groups/Details/{session.Id}");
            var pageB = await workerB.GetAsync($"/Groups/Details/{session.Id}");

            await Task.WhenAll(
                workerA.SubmitFormAsync(pageA, new() { ["personId"] = a.Id.ToString() }, "#add-form"),
                workerB.SubmitFormAsync(pageB, new() { ["personId"] = b.Id.ToString() }, "#add-form"));

            var stored = await LoadAsync(Factory, session.Id);
            Assert.Equal(2, stored.SeatsTaken);
            Assert.Equal(2, stored.Participants.Count(p => p.Status == ParticipantStatus.Registered));
            Assert.Single(stored.Participants, p => p.Status == ParticipantStatus.Waiting);
            Assert.Equal(3, stored.Participants.Count);
        }
    }

    [Fact]
    public async Task A_worker_sees_in_full_only_the_participants_whose_file_they_may_open()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var rozenn = await ReadyPersonAsync(Factory, World.Worker56, "Rozenn", "Kerjean", "rozenn@exemple.test");
        var lorient = await ReadyPersonAsync(Factory, World.OtherTeamWorker56, "Malo", "Guillou", "malo@exemple.test");
        await EnrolAsync(Factory, session.Id, rozenn, World.Worker56);
        await EnrolAsync(Factory, session.Id, lorient, World.OtherTeamWorker56);

        var vannes = await (await SignInAsync(World.Worker56)).GetAsync($"/Groups/Details/{session.Id}");
        var registered = vannes.Document.QuerySelector("#registered")!;
        Assert.Contains("Rozenn Kerjean", registered.TextContent);
        Assert.NotNull(registered.QuerySelector($"a[href='/Persons/Details/{rozenn.Id}']"));
        Assert.Contains("Malo", registered.TextContent);
        Assert.DoesNotContain("Guillou", vannes.Text);
        Assert.Null(registered.QuerySelector($"a[href='/Persons/Details/{lorient.Id}']"));

        var other = await (await SignInAsync(World.OtherTeamWorker56)).GetAsync($"/Groups/Details/{session.Id}");
        Assert.Contains("Malo Guillou", other.Document.QuerySelector("#registered")!.TextContent);
        Assert.DoesNotContain("Kerjean", other.Text);
        Assert.DoesNotContain("Modifier la séance", other.Text);
    }

    [Fact]
    public async Task Another_department_gets_404_everywhere_and_a_worker_outside_the_sessions_team_cannot_run_it()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var finistere = await SignInAsync(World.Worker29);
        foreach (var url in new[] { $"/Groups/Details/{session.Id}", $"/Groups/Edit/{session.Id}", $"/Groups/Cancel/{session.Id}",
                     $"/Groups/AttendanceSheet/{session.Id}", $"/Groups/Summary/{session.Id}", $"/Groups/Participants/{session.Id}",
                     $"/Groups/Plan?from={session.Id}", $"/Interviews/Calendar?session={session.Id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await finistere.Http.GetAsync(url)).StatusCode);
        Assert.DoesNotContain("Faire le point", (await finistere.GetAsync("/Groups")).Text);

        var lorient = await SignInAsync(World.OtherTeamWorker56);
        Assert.Equal(HttpStatusCode.OK, (await lorient.Http.GetAsync($"/Groups/Details/{session.Id}")).StatusCode);
        foreach (var url in new[] { $"/Groups/Edit/{session.Id}", $"/Groups/Cancel/{session.Id}", $"/Groups/AttendanceSheet/{session.Id}", $"/Groups/Summary/{session.Id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await lorient.Http.GetAsync(url)).StatusCode);
        // A POST from outside the team is refused by the handler itself, token and all.
        var token = await InterviewData.TokenAsync(lorient);
        var cancel = await lorient.Http.PostAsync($"/Groups/Cancel/{session.Id}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Reason", "Je n'y suis pour rien")]));
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(GroupSessionStatus.Planned, (await LoadAsync(Factory, session.Id)).Status);
    }

    [Fact]
    public async Task The_attendance_sheet_writes_each_participants_journal_and_the_team_lead_sees_the_figures()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var rozenn = await ReadyPersonAsync(Factory, World.Worker56, "Rozenn", "Kerjean", "rozenn@exemple.test");
        var yves = await ReadyPersonAsync(Factory, World.Colleague56, "Yves", "Le Gall", "yves@exemple.test");
        await EnrolAsync(Factory, session.Id, rozenn, World.Worker56);
        await EnrolAsync(Factory, session.Id, yves, World.Colleague56);
        var client = await SignInAsync(World.Worker56);
        Assert.Contains("La feuille de présence s'ouvre à l'heure de la séance.", (await client.GetAsync($"/Groups/Details/{session.Id}")).Text);

        Factory.Clock.Set(NextTuesday14.AddMinutes(95));
        client = await SignInAsync(World.Worker56); // a week later: the earlier session ended long ago
        var stored = await LoadAsync(Factory, session.Id);
        var page = await client.SubmitAsync($"/Groups/AttendanceSheet/{session.Id}", new()
        {
            [$"Sheet[{stored.Participants.Single(p => p.PersonId == rozenn.Id).Id}]"] = "Present",
            [$"Sheet[{stored.Participants.Single(p => p.PersonId == yves.Id).Id}]"] = "Excused",
        });

        Assert.True(page.Text.Contains("La feuille de présence est enregistrée"), page.Document.QuerySelector("main")?.TextContent);
        Assert.Equal(GroupSessionStatus.Held, (await LoadAsync(Factory, session.Id)).Status);
        var rozennJournal = await InterviewData.JournalAsync(Factory, rozenn.Id);
        var line = Assert.Single(rozennJournal, e => e.Kind == ActivityKind.GroupSessionAttendance);
        Assert.EndsWith(": présent·e.", line.Description);
        Assert.DoesNotContain("Yves", line.Description);
        Assert.Contains(await InterviewData.JournalAsync(Factory, yves.Id), e => e.Kind == ActivityKind.GroupSessionAttendance && e.Description.EndsWith(": excusé·e."));

        var lead = await SignInAsync(World.Lead56);
        var figures = await lead.GetAsync("/TeamLead/Figures?Filter.From=2026-12-01&Filter.To=2026-12-31");
        var values = figures.Document.QuerySelectorAll("#group-figures dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Equal("1", values[0]); // held
        Assert.Equal("0", values[1]); // cancelled
        Assert.StartsWith("50", values[2]);
        Assert.EndsWith("(1 présences sur 2 inscrits notés)", values[2]);
        Assert.Equal("1", values[3]); // persons reached: the excused one was not
    }

    [Fact]
    public async Task A_participant_is_named_technical_helper_before_the_session_and_no_longer_once_it_was_held()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var rozenn = await ReadyPersonAsync(Factory, World.Worker56, "Rozenn", "Kerjean", "rozenn@exemple.test");
        await EnrolAsync(Factory, session.Id, rozenn, World.Worker56);
        var participantId = (await LoadAsync(Factory, session.Id)).Participants.Single().Id;
        var client = await SignInAsync(World.Worker56);

        var planned = await client.GetAsync($"/Groups/Details/{session.Id}");
        string? RolesNotice(Page page) => page.Document.QuerySelectorAll("p.notice").Select(n => n.TextContent).FirstOrDefault(t => t.StartsWith("Rôles à nommer"));
        Assert.Contains("aide technique", RolesNotice(planned));
        var helperAction = planned.Document.QuerySelector("#helper-form")!.GetAttribute("action")!;
        var named = await client.SubmitFormAsync(planned, new() { ["participantId"] = participantId.ToString() }, "#helper-form");
        Assert.Contains("Rozenn Kerjean (participant·e)", named.Document.QuerySelector("main")!.TextContent);
        Assert.True((await LoadAsync(Factory, session.Id)).Participants.Single().IsTechnicalHelper);

        Factory.Clock.Set(NextTuesday14.AddMinutes(95));
        client = await SignInAsync(World.Worker56);
        await client.SubmitAsync($"/Groups/AttendanceSheet/{session.Id}", new() { [$"Sheet[{participantId}]"] = "Present" });
        Assert.Equal(GroupSessionStatus.Held, (await LoadAsync(Factory, session.Id)).Status);
        var held = await client.GetAsync($"/Groups/Details/{session.Id}");
        Assert.Null(held.Document.QuerySelector("#helper-form"));
        Assert.Null(RolesNotice(held));

        // The handler keeps to the same rule when the form is posted anyway (an old tab, a forged request).
        var sheet = await client.GetAsync($"/Groups/AttendanceSheet/{session.Id}"); // a form of the same user, for its token
        var token = sheet.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await client.PostAsync(helperAction, [("participantId", ""), ("__RequestVerificationToken", token)]);
        Assert.Contains("Les rôles de la séance se nomment avant elle", refused.Text);
        Assert.True((await LoadAsync(Factory, session.Id)).Participants.Single().IsTechnicalHelper);
    }

    [Fact]
    public async Task The_shared_summary_names_nobody_and_follow_ups_go_to_each_participants_file()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var rozenn = await ReadyPersonAsync(Factory, World.Worker56, "Rozenn", "Kerjean", "rozenn@exemple.test");
        await EnrolAsync(Factory, session.Id, rozenn, World.Worker56);
        Factory.Clock.Set(NextTuesday14.AddMinutes(95));
        var participant = (await LoadAsync(Factory, session.Id)).Participants.Single();
        var client = await SignInAsync(World.Worker56);
        await client.SubmitAsync($"/Groups/AttendanceSheet/{session.Id}", new() { [$"Sheet[{participant.Id}]"] = "Present" });

        var named = await client.SubmitAsync($"/Groups/Summary/{session.Id}", new() { ["Text.Summary"] = "Rozenn a présenté ses dépenses." }, "form[action*='Summary']");
        Assert.Contains("ne nomme aucun participant", named.Document.QuerySelector("#Text_Summary-error")!.TextContent);
        Assert.Equal("Rozenn a présenté ses dépenses.", named.Document.QuerySelector("#Text_Summary")!.TextContent);
        await client.SubmitAsync($"/Groups/Summary/{session.Id}", new() { ["Text.Summary"] = "Le groupe a comparé les aides au chauffage." }, "form[action*='Summary']");
        var done = await client.SubmitAsync($"/Groups/Summary/{session.Id}", new()
        {
            ["FollowUp.ParticipantId"] = participant.Id.ToString(), ["FollowUp.Who"] = "La personne", ["FollowUp.What"] = "Apporter ses factures d'énergie",
            ["FollowUp.DueOn"] = "2026-12-15",
        }, "#followup-form");

        Assert.Contains("La suite est inscrite dans le dossier de la personne.", done.Text);
        Assert.Equal("Le groupe a comparé les aides au chauffage.", (await LoadAsync(Factory, session.Id)).Summary);
        var action = await Factory.WithDbAsync(db => db.FollowUpActions.AsNoTracking().SingleAsync(a => a.PersonId == rozenn.Id));
        Assert.Equal(session.Id, action.GroupSessionId);
        var file = await client.GetAsync($"/Persons/Details/{rozenn.Id}");
        Assert.Contains("Apporter ses factures d'énergie", file.Text);
        Assert.Contains("Faire le point sur son budget", file.Document.QuerySelector("#person-groups")!.TextContent);
        Assert.Contains("Présent·e", file.Document.QuerySelector("#person-groups")!.TextContent);
    }

    [Fact]
    public async Task The_next_session_registers_the_persons_the_planner_follows_and_proposes_the_others_to_their_referent()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var rozenn = await ReadyPersonAsync(Factory, World.Worker56, "Rozenn", "Kerjean", "rozenn@exemple.test");
        var malo = await ReadyPersonAsync(Factory, World.OtherTeamWorker56, "Malo", "Guillou", "malo@exemple.test");
        await EnrolAsync(Factory, session.Id, rozenn, World.Worker56);
        await EnrolAsync(Factory, session.Id, malo, World.OtherTeamWorker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Groups/Plan?from={session.Id}", new() { ["Input.Date"] = "2026-12-08" });

        Assert.Contains("1 inscrit(s), 1 proposé(s) à leur référent", page.Text);
        var next = await Factory.WithDbAsync(db => db.GroupSessions.AsNoTracking().Include(s => s.Participants).SingleAsync(s => s.PreviousSessionId == session.Id));
        Assert.Equal("Faire le point sur son budget", next.Theme);
        Assert.Equal(ParticipantStatus.Proposed, next.Participants.Single(p => p.PersonId == malo.Id).Status);

        var referent = await SignInAsync(World.OtherTeamWorker56);
        var groups = await referent.GetAsync("/Groups");
        Assert.Contains("Malo Guillou", groups.Document.QuerySelector("#proposals")!.TextContent);
        var details = await referent.GetAsync($"/Groups/Details/{next.Id}");
        var proposal = next.Participants.Single(p => p.PersonId == malo.Id);
        var confirmed = await referent.SubmitFormAsync(details, new() { ["participantId"] = proposal.Id.ToString() }, "form[action*='Confirm']");
        Assert.Contains("La personne est inscrite.", confirmed.Text);
        Assert.Equal(ParticipantStatus.Registered, (await LoadAsync(Factory, next.Id)).Participants.Single(p => p.PersonId == malo.Id).Status);
        // The planner, who does not follow Malo, cannot answer for him.
        var token = await InterviewData.TokenAsync(client);
        var forged = await client.Http.PostAsync($"/Groups/Participants/{next.Id}?handler=Decline&participantId={proposal.Id}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task Moving_or_cancelling_the_session_tells_each_registered_participant_and_cancels_the_planned_reminders()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var rozenn = await ReadyPersonAsync(Factory, World.Worker56, "Rozenn", "Kerjean", "rozenn@exemple.test");
        var client = await SignInAsync(World.Worker56);
        await client.SubmitAsync($"/Groups/Details/{session.Id}", new() { ["personId"] = rozenn.Id.ToString() }, "#add-form");
        await SendDueAsync();
        Factory.Messaging.Clear();

        var moved = await client.SubmitAsync($"/Groups/Edit/{session.Id}", new() { ["Input.Time"] = "15:00" });
        Assert.Contains("La séance est modifiée.", moved.Text);
        await SendDueAsync();
        var change = Body(Assert.Single(Factory.Messaging.Mails));
        Assert.Contains("La séance de groupe du mardi 1 décembre 2026 à 14h00 change.", change);
        Assert.Contains("Elle a lieu le mardi 1 décembre 2026 à 15h00", change);
        Factory.Messaging.Clear();

        var planned = await client.GetAsync($"/Groups/Details/{session.Id}");
        Assert.NotNull(planned.Document.QuerySelector($"a[href='/Groups/Cancel/{session.Id}']"));
        Assert.NotNull(planned.Document.QuerySelector($"a[href='/Groups/Plan?from={session.Id}']"));
        var cancelled = await client.SubmitAsync($"/Groups/Cancel/{session.Id}", new() { ["Input.Reason"] = "Animatrice absente" });
        Assert.Contains("La séance est annulée", cancelled.Text);
        await SendDueAsync();
        Assert.Contains("est annulée", Body(Assert.Single(Factory.Messaging.Mails)));
        var messages = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.GroupSessionId == session.Id).ToListAsync());
        Assert.DoesNotContain(messages, m => m.Status == MessageStatus.Planned);
        Assert.Contains(messages, m => m.Purpose == MessagePurpose.GroupReminder && m.Status == MessageStatus.Cancelled);
        Assert.Contains(await InterviewData.JournalAsync(Factory, rozenn.Id), e => e.Description.EndsWith("séance annulée."));

        // A cancelled session offers nothing more to do from it, and its routes say the same (GroupSession's rules).
        var details = await client.GetAsync($"/Groups/Details/{session.Id}");
        Assert.Null(details.Document.QuerySelector($"a[href='/Groups/Cancel/{session.Id}']"));
        Assert.Null(details.Document.QuerySelector($"a[href='/Groups/Plan?from={session.Id}']"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/Groups/Plan?from={session.Id}")).Status);
    }

    [Fact]
    public async Task The_agenda_and_its_ics_show_the_sessions_the_worker_runs_without_names_or_theme()
    {
        var session = await SessionAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var agenda = await client.GetAsync("/Interviews/Agenda");
        Assert.Contains("Faire le point sur son budget", agenda.Document.QuerySelector("#agenda-sessions")!.TextContent);

        var ics = await client.Http.GetStringAsync("/Interviews/Calendar");
        Assert.Contains($"UID:{session.Id:D}@remotesupport", ics);
        Assert.Contains("SUMMARY:Séance de groupe – visioconférence", ics);
        Assert.DoesNotContain("budget", ics);
        var one = await client.Http.GetStringAsync($"/Interviews/Calendar?session={session.Id}");
        Assert.Contains("DTSTART:20261201T130000Z", one);
    }

    [Fact]
    public async Task An_administrator_edits_the_group_checklist_and_the_next_session_planned_copies_that_version()
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync($"/Admin/Checklists/Edit/{World.Cd56.Id}/Group", [], "form[action*='handler=CreateDraft']");
        Assert.Contains("Liste de contrôle « Séance de groupe »", page.Text);
        Assert.Contains("Avant la séance", page.Text);
        page = await admin.SubmitFormAsync(page, new() { ["NewItem.Phase"] = "Before", ["NewItem.Text"] = "Salle de visio ouverte dix minutes avant" },
            "form[action*='handler=Add']");
        await admin.SubmitFormAsync(page, [], "form[action*='handler=Publish']");
        var tool = await InterviewData.AddToolAsync(Factory, World.Cd56.Id);

        var planned = await (await SignInAsync(World.Worker56)).SubmitAsync("/Groups/Plan", new()
        {
            ["Input.Theme"] = "Préparer un entretien d'embauche", ["Input.Date"] = "2026-12-03", ["Input.Time"] = "10:00",
            ["Input.DurationMinutes"] = "45", ["Input.Modality"] = "AudioConference", ["Input.ToolId"] = tool.Id.ToString(), ["Input.Capacity"] = "5",
            ["Input.Agenda"] = "Les questions qu'on pose souvent", ["Input.FacilitatorId"] = World.Worker56.Id.ToString(),
        });

        Assert.Contains("Salle de visio ouverte dix minutes avant", planned.Document.QuerySelector("#checklist-title")!.ParentElement!.TextContent);
        Assert.Contains("10:00 : 45 minutes d'échange", planned.Document.QuerySelector("#outline")!.TextContent);
        Assert.DoesNotContain("pause", planned.Document.QuerySelector("#outline")!.TextContent);
        var session = await Factory.WithDbAsync(db => db.GroupSessions.AsNoTracking().SingleAsync());
        var version = await Factory.WithDbAsync(db => db.ChecklistTemplates.AsNoTracking().Where(t => t.Modality == Modality.Group && t.PublishedAt != null)
            .OrderByDescending(t => t.Version).Select(t => t.Id).FirstAsync());
        Assert.Equal(version, session.ChecklistTemplateId);
    }
}
