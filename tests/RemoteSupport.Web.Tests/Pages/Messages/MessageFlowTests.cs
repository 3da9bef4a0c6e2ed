using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Messaging;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Messaging;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Messages;

/// <summary>Invitations, reminders and free messages, from the worker's form to a real SMTP server and a real HTTP SMS provider.</summary>
public sealed class MessageFlowTests(AppFactory factory) : WebTest(factory)
{
    private Task<int> SendDueAsync() => Factory.Services.GetRequiredService<OutboxSender>().RunOnceAsync(CancellationToken.None);

    private Task<List<OutboxMessage>> MessagesAsync() =>
        Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Purpose).ToListAsync());

    private async Task<AccompaniedPerson> PersonAsync(params Modality[] consents)
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.Email = "rozenn.kerjean@exemple.test");
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, consents);
        return person;
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(HttpClient http, string json, string? secret = MessagingServers.WebhookSecret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, DeliveryWebhook.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(DeliveryWebhook.SignatureHeader, secret is null ? "sha256=00" : DeliveryWebhook.Sign(secret, body));
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_video_invitation_reaches_a_real_smtp_server_with_everything_the_person_needs_and_an_ics_that_parses()
    {
        var person = await PersonAsync(Modality.Video, Modality.Phone, Modality.Sms, Modality.Email);
        await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Video);
        var tool = await AddToolAsync(Factory, World.Cd56.Id);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "Video", ["Input.Date"] = "2026-11-24", ["Input.Time"] = "14:30", ["Input.DurationMinutes"] = "60",
            ["Input.Objectives"] = "Préparer le dossier de logement", ["Input.VideoToolId"] = tool.Id.ToString(),
            ["Input.FallbackModality"] = "Phone", ["Input.FallbackPhone"] = "0639980001", ["Input.SendSmsReminder"] = "true",
            ["Input.Participants[0].Name"] = "Maëlle Kerjean", ["Input.Participants[0].Relation"] = "Family", ["Input.Participants[0].PersonAgreed"] = "true",
            ["Input.Invitation.Send"] = "true", ["Input.Invitation.JoinInstructions"] = "https://visio.cd56.test/salle-42",
            ["Input.Invitation.ShareObjectives"] = "true",
        });
        Assert.StartsWith("/Interviews/Details/", page.Url.AbsolutePath);
        // Written in the same transaction as the interview: the invitation now, the reminder the day before.
        var planned = await MessagesAsync();
        Assert.Equal([MessagePurpose.Invitation, MessagePurpose.Reminder], planned.Select(m => m.Purpose).Order());
        var reminder = planned.Single(m => m.Purpose == MessagePurpose.Reminder);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 30, 0, TimeSpan.Zero), reminder.DueAt);

        Assert.Equal(1, await SendDueAsync());

        var mail = Assert.Single(Factory.Messaging.Mails);
        Assert.Equal("rozenn.kerjean@exemple.test", ((MailboxAddress)mail.To.Single()).Address);
        Assert.Equal("Notre rendez-vous du mardi 24 novembre 2026 à 14h30", mail.Subject);
        var text = mail.TextBody;
        Assert.Contains("Bonjour Rozenn,", text);
        Assert.Contains("le mardi 24 novembre 2026 à 14h30", text);                 // date and time, Europe/Paris
        Assert.Contains("par visioconférence, avec l'outil Visio départementale", text); // modality and tool
        Assert.Contains("Faites un essai de connexion à 14h15, 15 minutes avant", text); // connection test
        Assert.Contains("Pour rejoindre : https://visio.cd56.test/salle-42", text);      // how to join
        Assert.Contains("environ 1 heure", text);                                       // announced duration
        Assert.Contains("Nous parlerons de : Préparer le dossier de logement", text);    // shared objectives
        Assert.Contains("Nous serons 3 : vous, moi et une autre personne.", text);        // number of participants
        Assert.Contains("appelez le 06 39 98 00 01", text);                             // number to call
        Assert.Contains("Plan B : si la connexion coupe, nous continuons par téléphone.", text);
        Assert.Contains("Installez-vous dans un endroit calme", text);                  // the public guide
        Assert.Contains("Confidentialité de l'outil Visio départementale : Hébergé par le département, sans enregistrement.", text);
        Assert.Contains("Léa Travailleuse\nts1@cd56.test", text!.ReplaceLineEndings("\n"));  // worker's professional contact
        Assert.Contains("<a href=\"https://visio.cd56.test/salle-42\">", mail.HtmlBody);
        Assert.Contains("<p>Bonjour Rozenn,</p>", mail.HtmlBody);

        var ics = mail.Attachments.OfType<MimePart>().Single(a => a.FileName == "rendez-vous.ics");
        using var icsStream = new MemoryStream();
        await ics.Content!.DecodeToAsync(icsStream);
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(icsStream.ToArray()))!;
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(new DateTime(2026, 11, 24, 13, 30, 0, DateTimeKind.Utc), ev.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc), ev.DtEnd!.AsUtc);

        // The worker sees it on the interview page.
        var details = await client.GetAsync(page.Url.AbsolutePath);
        var panel = details.Document.GetElementById("messages")!.TextContent;
        Assert.Contains("Invitation", panel);
        Assert.Contains("envoyé le 23/11/2026 à 10:00", panel);
        Assert.Contains("prévu le 23/11/2026 à 14:30", panel);

        // The day before, within allowed hours, the SMS reminder leaves through the HTTP provider, without the objectives.
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 23, 13, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, await SendDueAsync());
        var sms = Assert.Single(Factory.Messaging.SmsCalls);
        Assert.Equal("+33639980001", sms.To);
        Assert.Equal($"Bearer {MessagingServers.SmsApiKey}", sms.Authorization);
        Assert.Contains("rappel : rendez-vous par visioconférence", sms.Text);
        Assert.Contains("le mardi 24 novembre 2026 à 14h30", sms.Text);
        Assert.DoesNotContain("logement", sms.Text);
        var sentReminder = (await MessagesAsync()).Single(m => m.Purpose == MessagePurpose.Reminder);
        Assert.Equal(MessageStatus.Sent, sentReminder.Status);

        // A signed receipt marks it delivered; a bad signature is refused and changes nothing.
        var anonymous = Factory.CreateClient();
        var receipt = $$"""{"event":"delivered","reference":"{{sentReminder.ProviderReference}}"}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(anonymous, receipt, secret: "wrong-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(anonymous, receipt, secret: null)).StatusCode);
        Assert.Equal(MessageStatus.Sent, (await MessagesAsync()).Single(m => m.Purpose == MessagePurpose.Reminder).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(anonymous, receipt)).StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await MessagesAsync()).Single(m => m.Purpose == MessagePurpose.Reminder).Status);
        details = await client.GetAsync(page.Url.AbsolutePath);
        Assert.Contains("remis le 23/11/2026 à 14:30", details.Document.GetElementById("messages")!.TextContent);
    }

    [Fact]
    public async Task Postponing_sends_the_new_time_and_cancelling_says_so()
    {
        var person = await PersonAsync(Modality.Phone, Modality.Sms, Modality.Email);
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "Phone", ["Input.Date"] = "2026-11-25", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "45",
            ["Input.Objectives"] = "Point sur la demande", ["Input.SendSmsReminder"] = "true", ["Input.Invitation.Send"] = "true",
        });
        var interviewId = Guid.Parse(page.Url.AbsolutePath.Split('/').Last());
        await SendDueAsync();
        Assert.Single(Factory.Messaging.Mails);

        var postponed = await client.SubmitAsync($"/Interviews/Postpone/{interviewId}", new()
        {
            ["Input.Reason"] = "PersonUnavailable", ["Input.NewDate"] = "2026-11-26", ["Input.NewTime"] = "11:00",
        });
        var nextId = Guid.Parse(postponed.Url.AbsolutePath.Split('/').Last());
        var messages = await MessagesAsync();
        var oldReminder = messages.Single(m => m.InterviewId == interviewId && m.Purpose == MessagePurpose.Reminder);
        Assert.Equal(MessageStatus.Cancelled, oldReminder.Status);
        Assert.Contains("reporté au 26/11/2026 à 11:00", oldReminder.StatusReason);
        Assert.Single(messages, m => m.InterviewId == nextId && m.Purpose == MessagePurpose.Reminder && m.Status == MessageStatus.Planned);

        await SendDueAsync();
        var change = Factory.Messaging.Mails.Last();
        Assert.Equal("Notre rendez-vous change : jeudi 26 novembre 2026 à 11h00", change.Subject);
        Assert.Contains("Notre rendez-vous du mercredi 25 novembre 2026 à 10h00 est déplacé.", change.TextBody);

        await client.SubmitAsync($"/Interviews/Cancel/{nextId}", new() { ["Input.Comment"] = "La personne a trouvé un emploi" });
        await SendDueAsync();
        var cancellation = Factory.Messaging.Mails.Last();
        Assert.Equal("Notre rendez-vous du jeudi 26 novembre 2026 est annulé", cancellation.Subject);
        Assert.Contains("est annulé", cancellation.TextBody);
        Assert.DoesNotContain("emploi", cancellation.TextBody);
        var ics = cancellation.Attachments.OfType<MimePart>().Single();
        using var stream = new MemoryStream();
        await ics.Content!.DecodeToAsync(stream);
        Assert.Contains("STATUS:CANCELLED", Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal(MessageStatus.Cancelled, (await MessagesAsync()).Single(m => m.InterviewId == nextId && m.Purpose == MessagePurpose.Reminder).Status);
    }

    [Fact]
    public async Task No_invitation_leaves_without_the_agreement_to_receive_emails_and_the_panel_says_why()
    {
        var person = await PersonAsync(Modality.Phone);
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "Phone", ["Input.Date"] = "2026-11-25", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "45",
            ["Input.Objectives"] = "Point", ["Input.Invitation.Send"] = "true",
        });
        await SendDueAsync();
        Assert.Empty(Factory.Messaging.Mails);
        var panel = page.Document.GetElementById("messages")!.TextContent;
        Assert.Contains("annulé : Invitation non envoyée : la personne n'a pas encore donné son accord pour un échange par e-mail", panel);
    }

    [Fact]
    public async Task A_free_sms_goes_through_the_provider_a_temporary_failure_is_retried_and_a_permanent_one_is_shown()
    {
        var person = await PersonAsync(Modality.Sms);
        var client = await SignInAsync(World.Worker56);
        await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Pouvez-vous me rappeler ?" });
        var journal = await JournalAsync(Factory, person.Id);
        Assert.Contains(journal, j => j.Description == "Message libre par SMS : envoi prévu.");

        // 503 three times: the resilience pipeline's own retries are spent, the outbox tries again later.
        for (var i = 0; i < 3; i++) Factory.Messaging.SmsScript.Enqueue((503, "{}"));
        await SendDueAsync();
        var message = Assert.Single(await MessagesAsync());
        Assert.Equal(MessageStatus.Planned, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(Factory.Clock.GetUtcNow().AddMinutes(1), message.DueAt);
        Assert.Contains("échec temporaire", message.StatusReason);
        Assert.Equal(3, Factory.Messaging.SmsCalls.Count);

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await SendDueAsync();
        message = Assert.Single(await MessagesAsync());
        Assert.Equal(MessageStatus.Sent, message.Status);
        Assert.Equal(2, message.Attempts);
        Assert.EndsWith("Pouvez-vous me rappeler ? Léa Travailleuse, Conseil départemental — Morbihan.", Factory.Messaging.SmsCalls.Last().Text);

        // A permanent refusal is not retried and shows as « échec : numéro invalide », on the page and on the home page.
        await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Un autre message" });
        Factory.Messaging.SmsScript.Enqueue((400, """{"error":"invalid_number"}"""));
        await SendDueAsync();
        var calls = Factory.Messaging.SmsCalls.Count;
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await SendDueAsync());
        Assert.Equal(calls, Factory.Messaging.SmsCalls.Count);
        var failed = (await MessagesAsync()).Single(m => m.Status == MessageStatus.Failed);
        Assert.Equal("numéro invalide", failed.StatusReason);
        var details = await client.GetAsync($"/Persons/Details/{person.Id}");
        Assert.Contains("échec : numéro invalide", details.Document.GetElementById("messages")!.TextContent);
        var home = await client.GetAsync("/");
        Assert.Contains("Messages non remis ces 7 derniers jours", home.Text);
        Assert.Contains("échec : numéro invalide", home.Text);
    }

    [Fact]
    public async Task A_free_sms_in_the_quiet_period_waits_for_the_morning()
    {
        var person = await PersonAsync(Modality.Sms);
        // Signed in after the clock moves: a sign-in cookie lasts 8 hours.
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 30, 0, TimeSpan.Zero));
        var client = await SignInAsync(World.Worker56); // 20:30 in Paris
        await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "À demain" });
        await SendDueAsync();
        var message = Assert.Single(await MessagesAsync());
        Assert.Equal(MessageStatus.Planned, message.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), message.DueAt);
        Assert.Contains("période sans SMS", message.StatusReason);
        Assert.Empty(Factory.Messaging.SmsCalls);
    }

    [Fact]
    public async Task An_sms_with_the_objectives_of_an_interview_is_refused()
    {
        var person = await PersonAsync(Modality.Sms, Modality.Phone);
        await AddInterviewAsync(Factory, person, World.Worker56);
        var objectives = await Factory.WithDbAsync(db => db.Interviews.Select(i => i.Objectives).SingleAsync());
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Demain : " + objectives });
        Assert.Contains("Un SMS ne doit contenir ni les objectifs", page.Summary);
        Assert.Empty(await MessagesAsync());
    }

    [Fact]
    public async Task Withdrawing_sms_consent_cancels_every_planned_sms_at_once()
    {
        var person = await PersonAsync(Modality.Sms, Modality.Email);
        // Signed in after the clock moves: a sign-in cookie lasts 8 hours.
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 30, 0, TimeSpan.Zero));
        var client = await SignInAsync(World.Worker56);
        await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Premier" });
        await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Second" });
        await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Email", ["Input.Text"] = "Un e-mail" });

        await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Sms", new()
        {
            ["Input.Modality"] = "Sms", ["Input.Decision"] = "Withdrawn", ["Input.Method"] = "OrallyDuringCall", ["Input.DecidedAt"] = "2026-11-23T20:00",
        });

        var messages = await MessagesAsync();
        Assert.All(messages.Where(m => m.Channel == MessageChannel.Sms), m =>
        {
            Assert.Equal(MessageStatus.Cancelled, m.Status);
            Assert.Contains("retiré son accord pour les SMS", m.StatusReason);
        });
        Assert.Equal(MessageStatus.Planned, messages.Single(m => m.Channel == MessageChannel.Email).Status);
    }

    [Fact]
    public async Task An_inbound_stop_withdraws_the_sms_consent_in_the_journal_and_cancels_planned_sms()
    {
        var person = await PersonAsync(Modality.Sms);
        // Signed in after the clock moves: a sign-in cookie lasts 8 hours.
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 30, 0, TimeSpan.Zero));
        var client = await SignInAsync(World.Worker56);
        await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Bonsoir" });

        var anonymous = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(anonymous, """{"event":"inbound","from":"+33639980001","text":"STOP"}""", "bad")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(anonymous, """{"event":"inbound","from":"+33639980001","text":"Stop"}""")).StatusCode);

        var consents = await Factory.WithDbAsync(db => db.Consents.AsNoTracking().Where(c => c.PersonId == person.Id && c.Modality == Modality.Sms)
            .OrderBy(c => c.RecordedAt).ToListAsync());
        Assert.Equal(ConsentDecision.Withdrawn, consents.Last().Decision);
        Assert.Contains(await JournalAsync(Factory, person.Id), j => j.Description.Contains("répondu « STOP »"));
        var message = Assert.Single(await MessagesAsync());
        Assert.Equal(MessageStatus.Cancelled, message.Status);
    }

    [Fact]
    public async Task Two_senders_on_one_database_send_each_due_message_exactly_once()
    {
        const int count = 60;
        var person = await PersonAsync(Modality.Email);
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
                db.OutboxMessages.Add(OutboxMessage.Plan(person.DepartmentId, person.Id, null, MessagePurpose.Free, MessageChannel.Email,
                    person.Email!, new MessageContent($"Message {i}", "Bonjour"), TestClock.Start, null, World.Worker56.Id, TestClock.Start));
            await db.SaveChangesAsync();
        });

        OutboxSender NewSender() => ActivatorUtilities.CreateInstance<OutboxSender>(Factory.Services,
            ActivatorUtilities.CreateInstance<MessageTransports>(Factory.Services,
                ActivatorUtilities.CreateInstance<SmtpEmailTransport>(Factory.Services)),
            Options.Create(new MessagingOptions { Sender = { BatchSize = 4 }, Email = Factory.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.Email }));
        async Task<int> DrainAsync(OutboxSender sender)
        {
            var total = 0;
            while (await sender.RunOnceAsync(CancellationToken.None) is var n and > 0) total += n;
            return total;
        }

        var results = await Task.WhenAll(Task.Run(() => DrainAsync(NewSender())), Task.Run(() => DrainAsync(NewSender())));

        Assert.Equal(count, results.Sum());
        Assert.Equal(count, Factory.Messaging.Mails.Count);
        Assert.Equal(count, Factory.Messaging.Mails.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await MessagesAsync(), m => Assert.Equal(MessageStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Another_department_gets_404_on_every_message_route()
    {
        var person = await PersonAsync(Modality.Sms, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        await worker.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Bonjour" });
        var messageId = (await MessagesAsync()).Single().Id;

        var other = await SignInAsync(World.Worker29);
        foreach (var url in new[] { $"/Messages/Details/{messageId}", $"/Messages/Send/{person.Id}", $"/Messages/RemindNow/{interview.Id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).Status);
        foreach (var url in new[] { $"/Messages/Details/{messageId}?handler=Cancel", $"/Messages/Details/{messageId}?handler=Resend",
                     $"/Messages/Send/{person.Id}", $"/Messages/RemindNow/{interview.Id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await ForgedPostAsync(other, url, ("Input.Channel", "Sms"), ("Input.Text", "Intrusion"))).Status);
        Assert.Equal(MessageStatus.Planned, (await MessagesAsync()).Single().Status);
    }

    [Fact]
    public async Task The_team_leads_figures_count_messages_by_status_and_the_share_of_interviews_with_a_reminder()
    {
        var person = await PersonAsync(Modality.Sms, Modality.Phone);
        var withReminder = await AddInterviewAsync(Factory, person, World.Worker56);
        await AddInterviewAsync(Factory, person, World.Worker56, at: Tomorrow10.AddDays(2));
        await Factory.WithDbAsync(async db =>
        {
            OutboxMessage Message(MessageStatus status, Guid? interviewId)
            {
                var m = OutboxMessage.Plan(person.DepartmentId, person.Id, interviewId, interviewId is null ? MessagePurpose.Free : MessagePurpose.Reminder,
                    MessageChannel.Sms, person.Phone!, new MessageContent(null, "x"), TestClock.Start, null, World.Worker56.Id, TestClock.Start);
                // Through the status machine, as the sender moves it.
                m.StartSending(TestClock.Start);
                if (status == MessageStatus.Delivered)
                {
                    m.MarkSent(TestClock.Start, "ref");
                    m.MarkDelivered(TestClock.Start);
                }
                else m.Fail("numéro invalide", permanent: true, TestClock.Start);
                Assert.Equal(status, m.Status);
                return m;
            }
            db.OutboxMessages.AddRange(Message(MessageStatus.Delivered, withReminder.Id), Message(MessageStatus.Failed, null), Message(MessageStatus.Failed, null));
            await db.SaveChangesAsync();
        });
        var lead = await SignInAsync(World.Lead56);
        var page = await lead.GetAsync("/TeamLead/Figures?Filter.From=2026-11-01&Filter.To=2026-11-30");
        var section = page.Document.QuerySelector("[aria-labelledby=messages-figures-title]")!.TextContent;
        Assert.Matches(@"remis\s*1", section);
        Assert.Matches(@"échec\s*2", section);
        Assert.Contains("dont le rappel par SMS est parti : 1 sur 2, soit 50 %", section);
    }

    [Fact]
    public async Task A_planned_message_can_be_cancelled_then_sent_again_and_a_reminder_sent_now()
    {
        var person = await PersonAsync(Modality.Sms, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        await client.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Bonjour" });
        var id = (await MessagesAsync()).Single().Id;

        var page = await client.SubmitAsync($"/Messages/Details/{id}", new());
        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        var cancelled = (await MessagesAsync()).Single();
        Assert.Equal(MessageStatus.Cancelled, cancelled.Status);
        Assert.Equal("Annulé par le travailleur social.", cancelled.StatusReason);
        Assert.Contains("annulé : Annulé par le travailleur social.", page.Document.GetElementById("messages")!.TextContent);

        await client.SubmitAsync($"/Messages/Details/{id}", new());
        var copy = (await MessagesAsync()).Single(m => m.Id != id);
        Assert.Equal((MessageStatus.Planned, id, "Bonjour"), (copy.Status, copy.ResendOfId, copy.Body.Split(' ')[0]));

        await client.SubmitAsync($"/Messages/RemindNow/{interview.Id}", new());
        var reminder = (await MessagesAsync()).Single(m => m.Purpose == MessagePurpose.Reminder);
        Assert.Equal(interview.Id, reminder.InterviewId);
        Assert.Equal(Factory.Clock.GetUtcNow(), reminder.DueAt);
        Assert.DoesNotContain("logement", reminder.Body);
        await SendDueAsync();
        Assert.Contains(Factory.Messaging.SmsCalls, c => c.Text.Contains("rappel : rendez-vous par téléphone le mardi 24 novembre 2026 à 10h00"));
    }
}
