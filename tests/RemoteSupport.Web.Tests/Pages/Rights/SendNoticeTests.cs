using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Messaging;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Interviews;

namespace RemoteSupport.Web.Tests.Pages.Rights;

/// <summary>« Envoyer la notice par e-mail », from the notice page to a real SMTP server, through the outbox.</summary>
public sealed class SendNoticeTests(AppFactory factory) : WebTest(factory)
{
    private Task<int> SendDueAsync() => Factory.Services.GetRequiredService<OutboxSender>().RunOnceAsync(CancellationToken.None);

    private Task<List<OutboxMessage>> MessagesAsync() =>
        Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync());

    private Task<AccompaniedPerson> StoredAsync(Guid id) => Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == id));

    private async Task<AccompaniedPerson> PersonAsync(string? email = "rozenn.kerjean@exemple.test", bool emailConsent = true, AppUser? referent = null)
    {
        var person = await World.AddPersonAsync(Factory, referent ?? World.Worker56, p => p.Email = email);
        if (emailConsent) await InterviewData.ConsentAsync(Factory, person, referent ?? World.Worker56, ConsentDecision.Granted, Modality.Email);
        return person;
    }

    // Text as a person reads it: runs of white space (the markup's indentation) count as one space.
    private static string? RightsPanel(Page page) => Words(page.Document.QuerySelector(".rights-panel")?.TextContent);
    private static string? Alerts(Page page) => Words(page.Document.QuerySelector(".notice-alerts")?.TextContent);
    private static string? Words(string? text) => text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_notice_reaches_the_smtp_server_with_the_department_notice_and_counts_as_given_only_once_it_has_left()
    {
        await InterviewData.AddToolAsync(Factory, World.Cd56.Id, "Visio Armorique");
        await Factory.WithDbAsync(async db =>
        {
            var d = await db.Departments.SingleAsync(x => x.Id == World.Cd56.Id);
            d.ChangeNotice("Conseil départemental du Morbihan, 2 rue de Saint-Tropez, Vannes", null, "Écrire à droits-donnees@morbihan.test", null);
            await db.SaveChangesAsync();
        });
        var person = await PersonAsync();
        // Another person of the same worker: nothing of theirs may travel in Rozenn's e-mail.
        var other = await World.AddPersonAsync(Factory, World.Worker56, p =>
        {
            p.FirstName = "Gwenaëlle";
            p.LastName = "Autrepersonne";
            p.Email = "gwen.autre@exemple.test";
            p.Phone = "0611223344";
        });
        var worker = await SignInAsync(World.Worker56);

        var asked = await worker.SubmitAsync($"/Rights/Notice/{person.Id}", new(), "#send-notice");
        Assert.Equal($"/Persons/Details/{person.Id}", asked.Url.AbsolutePath);
        Assert.Equal("La notice est prête à partir par e-mail. Elle sera notée comme remise quand l'e-mail sera parti.", asked.Flash);
        Assert.Contains("Notice en attente d'envoi par e-mail", RightsPanel(asked));
        Assert.Contains("Notice d'information à remettre", RightsPanel(asked));
        var planned = Assert.Single(await MessagesAsync());
        Assert.Equal((MessagePurpose.Notice, MessageChannel.Email, MessageStatus.Planned, "rozenn.kerjean@exemple.test", World.Worker56.Id),
            (planned.Purpose, planned.Channel, planned.Status, planned.Recipient, planned.CreatedById));
        var journaled = await Factory.WithDbAsync(db => db.ActivityLog.Where(a => a.PersonId == person.Id).Select(a => new { a.Kind, a.Description }).ToListAsync());
        Assert.Equal(ActivityKind.MessageToPerson, Assert.Single(journaled).Kind);
        Assert.Equal("Notice d'information par e-mail : envoi prévu.", journaled[0].Description);

        // Asked is not given: the person stays in the attention list, with the e-mail's state, until it leaves.
        Assert.Null((await StoredAsync(person.Id)).NoticeGivenAt);
        var home = Alerts(await worker.GetAsync("/"));
        Assert.Contains("Rozenn Kerjean — e-mail en attente d'envoi", home);

        Factory.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await SendDueAsync());

        var mail = Assert.Single(Factory.Messaging.Mails);
        Assert.Equal("rozenn.kerjean@exemple.test", ((MailboxAddress)mail.To.Single()).Address);
        Assert.Equal("Notice d'information : vos données et vos droits", mail.Subject);
        var text = mail.TextBody!.ReplaceLineEndings("\n");
        Assert.Contains("Bonjour Rozenn,", text);
        Assert.Contains("Qui est responsable de ce dossier\nConseil départemental du Morbihan, 2 rue de Saint-Tropez, Vannes", text);
        Assert.Contains("- Faire une réclamation auprès de la CNIL (www.cnil.fr)", text);
        Assert.Contains("Comment les exercer :\nÉcrire à droits-donnees@morbihan.test", text);
        Assert.Contains("- Visio Armorique — Hébergé par le département, sans enregistrement.", text);
        Assert.Contains("Léa Travailleuse\nts1@cd56.test", text);
        Assert.Contains("2 rue de Saint-Tropez, Vannes", mail.HtmlBody);
        foreach (var secret in new[] { "Gwenaëlle", "Autrepersonne", "gwen.autre@exemple.test", "0611223344", "06 11 22 33 44" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, mail.HtmlBody!, StringComparison.OrdinalIgnoreCase);
        }
        // One notice text: every section of the printable page is in the e-mail, in the same order.
        var printable = await worker.GetAsync($"/Rights/Notice/{person.Id}");
        var titles = printable.Document.QuerySelectorAll("article.notice h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(7, titles.Count);
        Assert.Equal(titles, titles.OrderBy(t => text.IndexOf("\n" + t + "\n", StringComparison.Ordinal)).ToList());
        Assert.All(titles, t => Assert.Contains("\n" + t + "\n", text));

        // Recorded as given by e-mail at the sent time, by the worker who asked, in the same save as the sent status.
        var sent = Assert.Single(await MessagesAsync());
        Assert.Equal(MessageStatus.Sent, sent.Status);
        var stored = await StoredAsync(person.Id);
        Assert.Equal((NoticeMethod.ByEmail, sent.SentAt), (stored.NoticeMethod, stored.NoticeGivenAt));
        var given = await Factory.WithDbAsync(db => db.ActivityLog.SingleAsync(a => a.PersonId == person.Id && a.Kind == ActivityKind.NoticeGiven));
        Assert.Equal(World.Worker56.Id, given.ActorId);
        Assert.Equal("Notice d'information envoyée par courriel le 23/11/2026.", given.Description);

        var details = await worker.GetAsync($"/Persons/Details/{person.Id}");
        Assert.DoesNotContain("Notice d'information à remettre", RightsPanel(details));
        Assert.DoesNotContain("Notice en attente", RightsPanel(details));
        home = Alerts(await worker.GetAsync("/"));
        Assert.DoesNotContain("Rozenn Kerjean", home);
        Assert.Contains("Gwenaëlle Autrepersonne", home);
        Assert.Equal("Dernière remise : Envoyée par courriel, le 23/11/2026.", Words((await worker.GetAsync($"/Rights/Notice/{person.Id}")).Document.QuerySelector("#given-title + p")?.TextContent));
        var rights = await worker.GetAsync($"/Rights/Restrictions/{person.Id}");
        Assert.Contains("Notice d'information : Envoyée par courriel le 23/11/2026.", Words(rights.Text));
        Assert.StartsWith("Droits de Rozenn Kerjean", rights.Document.Title);
        Assert.Empty(Factory.Messaging.Mails.Skip(1));
        Assert.Equal(other.Id, (await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.NoticeGivenAt == null))).Id);
    }

    [Fact]
    public async Task Outside_working_hours_the_notice_waits_the_page_says_why_and_it_is_recorded_when_it_leaves()
    {
        var person = await PersonAsync();
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero)); // 20:00 in Paris
        var worker = await SignInAsync(World.Worker56);
        var form = await worker.GetAsync($"/Rights/SendNotice/{person.Id}");
        Assert.Contains("Adresse : rozenn.kerjean@exemple.test", Words(form.Document.QuerySelector("main ul")?.TextContent));
        await worker.SubmitFormAsync(form, new());
        Assert.Equal(1, await SendDueAsync());
        Assert.Empty(Factory.Messaging.Mails);

        var panel = RightsPanel(await worker.GetAsync($"/Persons/Details/{person.Id}"));
        Assert.Contains("Notice en attente d'envoi par e-mail", panel);
        Assert.Contains("Elle part le 24/11/2026 à 09:00", panel);
        Assert.Contains("hors des horaires du service", panel);
        Assert.Null((await StoredAsync(person.Id)).NoticeGivenAt);

        // A second request while one waits is refused next to the button: one notice e-mail, not two.
        var again = await worker.SubmitAsync($"/Rights/SendNotice/{person.Id}", new());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("La notice attend déjà de partir par e-mail : inutile de la demander une seconde fois.", again.Document.QuerySelector("form .error-summary")!.TextContent);
        Assert.Single(await MessagesAsync());

        Factory.Clock.Set(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await SendDueAsync());
        Assert.Single(Factory.Messaging.Mails);
        var stored = await StoredAsync(person.Id);
        Assert.Equal((NoticeMethod.ByEmail, new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)), (stored.NoticeMethod, stored.NoticeGivenAt));
    }

    [Fact]
    public async Task A_waiting_notice_email_still_shows_on_the_persons_page_behind_more_messages_than_the_panel_lists()
    {
        var person = await PersonAsync();
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero)); // 20:00 in Paris: the notice waits
        var worker = await SignInAsync(World.Worker56);
        await worker.SubmitFormAsync(await worker.GetAsync($"/Rights/SendNotice/{person.Id}"), new());
        // More newer messages than the messages panel lists: the notice e-mail is not among its lines any more.
        var later = Factory.Clock.GetUtcNow().AddMinutes(1);
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < Web.Pages.Messages.MessagesPanel.Limit + 1; i++)
                db.OutboxMessages.Add(OutboxMessage.Plan(person.DepartmentId, person.Id, null, MessagePurpose.Free, MessageChannel.Email,
                    person.Email!, new MessageContent($"Message {i}", "Bonjour"), later.AddDays(1), null, World.Worker56.Id, later.AddSeconds(i)));
            await db.SaveChangesAsync();
        });

        var page = await worker.GetAsync($"/Persons/Details/{person.Id}");
        Assert.Contains("Notice en attente d'envoi par e-mail", RightsPanel(page));
        // The messages panel lists its limit, the newest first; the notice is not among them.
        var lines = page.Document.QuerySelectorAll("#messages table.messages tbody tr");
        Assert.Equal(Web.Pages.Messages.MessagesPanel.Limit, lines.Length);
        Assert.DoesNotContain(lines, l => l.TextContent.Contains(MessagePurpose.Notice.French(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_email_consent_with_an_objection_or_without_an_address_the_refusal_is_shown_next_to_the_button()
    {
        var noConsent = await PersonAsync(emailConsent: false);
        var objecting = await PersonAsync();
        await Factory.WithDbAsync(async db =>
        {
            (await db.Persons.SingleAsync(p => p.Id == objecting.Id)).ObjectToMessages(TestClock.Start.AddDays(-1));
            await db.SaveChangesAsync();
        });
        var noAddress = await PersonAsync(email: null);
        var worker = await SignInAsync(World.Worker56);

        var cases = new (Guid Id, string Reason)[]
        {
            (noConsent.Id, "La notice ne peut pas partir par e-mail : la personne n'a pas encore donné son accord pour un échange par e-mail."),
            (objecting.Id, "La notice ne peut pas partir par e-mail : la personne s'oppose aux messages : aucun message ne lui est envoyé."),
            (noAddress.Id, "La notice ne peut pas partir par e-mail : aucune adresse e-mail n'est enregistrée pour la personne."),
        };
        foreach (var (id, reason) in cases)
        {
            var page = await worker.SubmitAsync($"/Rights/Notice/{id}", new(), "#send-notice");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal($"/Rights/SendNotice/{id}", page.Url.AbsolutePath);
            Assert.Contains(reason, page.Document.QuerySelector("form .error-summary")!.TextContent);
            Assert.NotNull(page.Document.QuerySelector("form button[type=submit]"));
        }
        Assert.Empty(await MessagesAsync());
        Assert.Empty(await Factory.WithDbAsync(db => db.ActivityLog.Where(a => a.Kind == ActivityKind.MessageToPerson).ToListAsync()));
        Assert.Equal(3, (Alerts(await worker.GetAsync("/")) ?? "").Split("Rozenn Kerjean").Length - 1);
    }

    [Fact]
    public async Task A_refused_address_or_a_withdrawn_consent_leaves_the_person_in_the_attention_list_and_the_page_says_so()
    {
        var refused = await PersonAsync(email: "rozenn@refuse.test");
        var withdrawn = await PersonAsync();
        var worker = await SignInAsync(World.Worker56);
        await worker.SubmitAsync($"/Rights/SendNotice/{refused.Id}", new());
        await worker.SubmitAsync($"/Rights/SendNotice/{withdrawn.Id}", new());
        await InterviewData.ConsentAtAsync(Factory, withdrawn, World.Worker56, ConsentDecision.Withdrawn, TestClock.Start, Modality.Email);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await SendDueAsync());

        var failed = RightsPanel(await worker.GetAsync($"/Persons/Details/{refused.Id}"));
        Assert.Contains("L'envoi de la notice par e-mail a échoué", failed);
        Assert.Contains("adresse refusée par le serveur. La notice n'est pas remise", failed);
        var cancelled = RightsPanel(await worker.GetAsync($"/Persons/Details/{withdrawn.Id}"));
        Assert.Contains("L'envoi de la notice par e-mail est annulé", cancelled);
        Assert.Contains("Pas d'accord pour les e-mails", cancelled);
        Assert.Null((await StoredAsync(refused.Id)).NoticeGivenAt);
        Assert.Null((await StoredAsync(withdrawn.Id)).NoticeGivenAt);
        var home = Alerts(await worker.GetAsync("/"));
        Assert.Contains("e-mail en échec", home);
        Assert.Contains("e-mail annulé", home);

        // Given by post afterwards: the failure no longer matters, the person leaves the list.
        await worker.SubmitAsync($"/Rights/Notice/{refused.Id}", new() { ["Input.Method"] = "ByPost", ["Input.GivenOn"] = "2026-11-23" }, "#record-notice");
        Assert.DoesNotContain("a échoué", RightsPanel(await worker.GetAsync($"/Persons/Details/{refused.Id}")));
        Assert.DoesNotContain("e-mail en échec", Alerts(await worker.GetAsync("/")));
    }

    [Fact]
    public async Task By_email_is_no_longer_a_choice_recorded_by_hand()
    {
        var person = await PersonAsync();
        var worker = await SignInAsync(World.Worker56);
        var notice = await worker.GetAsync($"/Rights/Notice/{person.Id}");
        Assert.DoesNotContain("n'envoie pas encore", notice.Text);
        var options = notice.Document.QuerySelectorAll("select[name='Input.Method'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "InPerson", "ByPost"], options);

        var page = await worker.SubmitAsync($"/Rights/Notice/{person.Id}", new() { ["Input.Method"] = "ByEmail", ["Input.GivenOn"] = "2026-11-20" }, "#record-notice");
        Assert.Equal("Par e-mail, utilisez « Envoyer la notice par e-mail » : la notice est notée comme remise quand l'e-mail est parti.", page.ErrorFor("Input.Method"));
        Assert.Null((await StoredAsync(person.Id)).NoticeGivenAt);
    }

    [Fact]
    public async Task Another_department_or_another_team_gets_404_on_get_and_post_and_nothing_is_planned()
    {
        var person = await PersonAsync();
        foreach (var user in new[] { World.Worker29, World.OtherTeamWorker56 })
        {
            var own = await PersonAsync(referent: user);
            var client = await SignInAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Rights/SendNotice/{person.Id}")).Status);
            // A valid form of their own, posted at the other file: the POST handler checks again.
            var form = await client.GetAsync($"/Rights/SendNotice/{own.Id}");
            var fields = form.Document.QuerySelectorAll("main form input[type=hidden]")
                .Select(i => (i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
            Assert.Contains(fields, f => f.Item1 == "__RequestVerificationToken");
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/Rights/SendNotice/{person.Id}", fields)).Status);
        }
        Assert.DoesNotContain(await MessagesAsync(), m => m.PersonId == person.Id);
    }

    [Fact]
    public async Task A_receipt_saved_while_the_sender_works_neither_loses_the_notice_record_nor_the_rest_of_the_batch()
    {
        var anne = await PersonAsync(email: "anne@exemple.test");
        var bruno = await PersonAsync(email: "bruno@exemple.test");
        var worker = await SignInAsync(World.Worker56);
        // While the SMTP server takes a mail, a delivery receipt for it is saved: the sender's own save of that row conflicts.
        Factory.Messaging.OnMail = async mail =>
        {
            var to = ((MailboxAddress)mail.To.Single()).Address;
            if (to != "anne@exemple.test") return;
            await using var connection = new Npgsql.NpgsqlConnection(Factory.ConnectionString);
            await connection.OpenAsync();
            await using var receipt = new Npgsql.NpgsqlCommand("""
                UPDATE "OutboxMessages" SET "Status" = 'Delivered', "DeliveredAt" = now(), "EndedAt" = now()
                WHERE "Recipient" = @to AND "Status" = 'Sending'
                """, connection);
            receipt.Parameters.AddWithValue("to", to);
            await receipt.ExecuteNonQueryAsync();
        };

        // Round 1: Anne's notice conflicts; it is still recorded as given, once, and Bruno's free e-mail after it is saved sent.
        await worker.SubmitAsync($"/Rights/SendNotice/{anne.Id}", new());
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await worker.SubmitAsync($"/Messages/Send/{bruno.Id}", new() { ["Input.Channel"] = "Email", ["Input.Text"] = "Voici le formulaire promis." });
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await SendDueAsync());
        var messages = await MessagesAsync();
        Assert.Equal([MessageStatus.Delivered, MessageStatus.Sent], messages.Select(m => m.Status));
        Assert.Equal(NoticeMethod.ByEmail, (await StoredAsync(anne.Id)).NoticeMethod);
        Assert.Single(await Factory.WithDbAsync(db => db.ActivityLog.Where(a => a.PersonId == anne.Id && a.Kind == ActivityKind.NoticeGiven).ToListAsync()));

        // Round 2: Anne's free e-mail conflicts; Bruno's notice after it still leaves as sent and is recorded.
        await worker.SubmitAsync($"/Messages/Send/{anne.Id}", new() { ["Input.Channel"] = "Email", ["Input.Text"] = "Bien reçu, merci." });
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await worker.SubmitAsync($"/Rights/SendNotice/{bruno.Id}", new());
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await SendDueAsync());
        messages = await MessagesAsync();
        Assert.Equal([MessageStatus.Delivered, MessageStatus.Sent], messages.Skip(2).Select(m => m.Status));
        Assert.Equal(4, Factory.Messaging.Mails.Count);
        Assert.Equal(NoticeMethod.ByEmail, (await StoredAsync(bruno.Id)).NoticeMethod);
        // Nothing was left "sending", to be sent a second time.
        Assert.DoesNotContain(messages, m => m.Status == MessageStatus.Sending);
    }
}
