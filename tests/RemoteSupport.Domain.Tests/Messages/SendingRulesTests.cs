using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Messages;

public sealed class SendingRulesTests
{
    // Monday 23 November 2026, 10:00 in Paris (UTC+1).
    private static readonly DateTimeOffset MondayTen = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Department Department = new();
    private static readonly AccompaniedPerson Person = AccompaniedPerson.Seed(new PersonSeed { DepartmentId = 1, Phone = "06 39 98 00 01", Email = "p@exemple.test" });

    private static DateTimeOffset Paris(int day, int hour, int minute = 0) =>
        SendingRules.ToUtc(new DateTime(2026, 11, day, hour, minute, 0));

    private static List<ConsentRecord> Granted(params Modality[] modalities) =>
        modalities.Select(m => ConsentRecord.Seed(1, Person.Id, m, ConsentDecision.Granted, MondayTen.AddDays(-30), Guid.Empty)).ToList();

    private static OutboxMessage Sms(MessagePurpose purpose = MessagePurpose.Free, Guid? interviewId = null, DateTimeOffset? notAfter = null,
        DateTimeOffset? dueAt = null, MessageChannel channel = MessageChannel.Sms) =>
        OutboxMessage.Plan(1, Person.Id, interviewId, purpose, channel, channel == MessageChannel.Sms ? "06 39 98 00 01" : "p@exemple.test",
            new MessageContent(null, "Bonjour"), dueAt ?? MondayTen, notAfter, Guid.Empty, MondayTen.AddDays(-1));

    [Fact]
    public void No_message_leaves_for_a_person_who_objects_or_whose_processing_is_restricted()
    {
        var objecting = AccompaniedPerson.Seed(new PersonSeed { DepartmentId = 1, Phone = "06 39 98 00 02" });
        objecting.ObjectToMessages(MondayTen.AddDays(-1));
        var decision = Assert.IsType<SendDecision.Cancel>(
            SendingRules.Decide(Sms(), Department, objecting, Granted(Modality.Sms), null, MondayTen));
        Assert.Equal("La personne s'oppose aux messages : aucun message ne lui est envoyé.", decision.Reason);

        var restricted = AccompaniedPerson.Seed(new PersonSeed { DepartmentId = 1, Phone = "06 39 98 00 03" });
        restricted.RestrictProcessing(MondayTen.AddDays(-1));
        Assert.Equal("Le traitement du dossier est limité : aucun message n'est envoyé.", SendingRules.PersonRefusal(restricted));
        Assert.Null(SendingRules.PersonRefusal(Person));
    }

    [Fact]
    public void An_sms_without_current_sms_consent_is_cancelled_with_the_reason()
    {
        var decision = SendingRules.Decide(Sms(), Department, Person, Granted(Modality.Email), null, MondayTen);
        var cancel = Assert.IsType<SendDecision.Cancel>(decision);
        Assert.Contains("SMS", cancel.Reason);
    }

    [Fact]
    public void An_email_needs_the_recorded_agreement_to_receive_emails()
    {
        var email = Sms(channel: MessageChannel.Email);
        Assert.IsType<SendDecision.Cancel>(SendingRules.Decide(email, Department, Person, Granted(Modality.Sms), null, MondayTen));
        Assert.IsType<SendDecision.SendNow>(SendingRules.Decide(email, Department, Person, Granted(Modality.Email), null, MondayTen));
    }

    [Fact]
    public void An_sms_due_in_the_quiet_period_waits_for_the_next_working_morning()
    {
        var eveningNine = Paris(23, 21);
        var decision = SendingRules.Decide(Sms(), Department, Person, Granted(Modality.Sms), null, eveningNine);
        var wait = Assert.IsType<SendDecision.Wait>(decision);
        Assert.Equal(Paris(24, 9), wait.Until);
        Assert.Contains("période sans SMS", wait.Reason);
    }

    [Fact]
    public void A_message_due_on_a_weekend_waits_for_monday()
    {
        var saturday = Paris(28, 11);
        var wait = Assert.IsType<SendDecision.Wait>(SendingRules.Decide(Sms(), Department, Person, Granted(Modality.Sms), null, saturday));
        Assert.Equal(Paris(30, 9), wait.Until);
        Assert.Contains("jour non travaillé", wait.Reason);
    }

    [Fact]
    public void The_persons_preferred_days_and_hours_are_respected()
    {
        var person = AccompaniedPerson.Seed(new PersonSeed { DepartmentId = 1, PreferredDays = [3], PreferredTimeFrom = new TimeOnly(14, 0), PreferredTimeUntil = new TimeOnly(16, 0) });
        Assert.Equal(Paris(25, 14), SendingRules.NextAllowed(MondayTen, MessageChannel.Sms, Department, person));
        Assert.Equal(Paris(25, 15, 10), SendingRules.NextAllowed(Paris(25, 15, 10), MessageChannel.Sms, Department, person));
    }

    [Fact]
    public void A_quiet_period_inside_the_day_pushes_to_its_end()
    {
        var department = new Department();
        department.ChangeSmsQuietPeriod(new TimeOnly(12, 0), new TimeOnly(14, 0));
        Assert.Equal(Paris(23, 14), SendingRules.NextAllowed(Paris(23, 12, 30), MessageChannel.Sms, department, Person));
        // An e-mail is not held by the « période sans SMS ».
        Assert.Equal(Paris(23, 12, 30), SendingRules.NextAllowed(Paris(23, 12, 30), MessageChannel.Email, department, Person));
    }

    [Fact]
    public void A_reminder_that_would_leave_too_late_is_cancelled_never_sent_late()
    {
        var interviewId = Guid.NewGuid();
        var interviewAt = Paris(23, 9, 30); // Monday 9:30; the day-before reminder falls on Sunday
        var (due, notAfter) = SendingRules.ReminderWindow(interviewAt, 24);
        var reminder = Sms(MessagePurpose.Reminder, interviewId, notAfter, dueAt: due);
        var decision = SendingRules.Decide(reminder, Department, Person, Granted(Modality.Sms), new InterviewState(InterviewStatus.Planned, interviewAt), Paris(22, 9, 30));
        var cancel = Assert.IsType<SendDecision.Cancel>(decision);
        Assert.Contains("trop tard", cancel.Reason);
    }

    [Theory]
    [InlineData(InterviewStatus.Cancelled)]
    [InlineData(InterviewStatus.Postponed)]
    [InlineData(InterviewStatus.InProgress)]
    public void A_reminder_of_an_interview_no_longer_planned_is_cancelled(InterviewStatus status)
    {
        var at = Paris(24, 10);
        var reminder = Sms(MessagePurpose.Reminder, Guid.NewGuid(), at.AddHours(-1));
        var cancel = Assert.IsType<SendDecision.Cancel>(SendingRules.Decide(reminder, Department, Person, Granted(Modality.Sms), new InterviewState(status, at), MondayTen));
        Assert.Contains("n'est plus prévu", cancel.Reason);
    }

    [Fact]
    public void A_reminder_after_the_interview_started_is_cancelled()
    {
        var at = MondayTen.AddMinutes(-5);
        var reminder = Sms(MessagePurpose.Reminder, Guid.NewGuid());
        var cancel = Assert.IsType<SendDecision.Cancel>(SendingRules.Decide(reminder, Department, Person, Granted(Modality.Sms), new InterviewState(InterviewStatus.Planned, at), MondayTen));
        Assert.Contains("commencé", cancel.Reason);
    }

    [Fact]
    public void A_withdrawal_cancels_every_planned_message_of_that_channel_only()
    {
        var planned = Sms();
        var other = Sms(channel: MessageChannel.Email);
        var sent = Sms();
        sent.StartSending(MondayTen);
        sent.MarkSent(MondayTen, "x");
        var withdrawal = ConsentRecord.Seed(1, Person.Id, Modality.Sms, ConsentDecision.Withdrawn, MondayTen, Guid.Empty);

        var cancelled = SendingRules.CancelPlannedOnWithdrawal([planned, other, sent], withdrawal, MondayTen);

        Assert.Equal([planned], cancelled);
        Assert.Equal(MessageStatus.Cancelled, planned.Status);
        Assert.Contains("retiré son accord pour les SMS", planned.StatusReason);
        Assert.Equal(MessageStatus.Planned, other.Status);
        Assert.Equal(MessageStatus.Sent, sent.Status);
    }
}

public sealed class OutboxMessageTests
{
    private static OutboxMessage Sms() => OutboxMessage.Plan(1, Guid.Empty, null, MessagePurpose.Free, MessageChannel.Sms, "06 00 00 00 00",
        new MessageContent(null, "Bonjour"), Now, null, Guid.Empty, Now);

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Goes_planned_sending_sent_delivered()
    {
        var m = Sms();
        m.StartSending(Now);
        Assert.Equal(1, m.Attempts);
        m.MarkSent(Now, "ref-1");
        m.MarkDelivered(Now.AddSeconds(5));
        Assert.Equal(MessageStatus.Delivered, m.Status);
        Assert.Equal("ref-1", m.ProviderReference);
        Assert.Equal("remis", m.Status.French());
    }

    [Fact]
    public void A_temporary_failure_is_retried_with_growing_waits_then_fails()
    {
        var m = Sms();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < OutboxMessage.MaxAttempts - 1; i++)
        {
            m.StartSending(Now);
            m.Fail("serveur occupé", permanent: false, Now);
            Assert.Equal(MessageStatus.Planned, m.Status);
            waits.Add(m.DueAt - Now);
        }
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(64)], waits);
        m.StartSending(Now);
        m.Fail("serveur occupé", permanent: false, Now);
        Assert.Equal(MessageStatus.Failed, m.Status);
    }

    [Fact]
    public void A_permanent_failure_is_never_retried()
    {
        var m = Sms();
        m.StartSending(Now);
        m.Fail("numéro invalide", permanent: true, Now);
        Assert.Equal(MessageStatus.Failed, m.Status);
        Assert.Equal("numéro invalide", m.StatusReason);
        Assert.Throws<DomainRuleException>(() => m.StartSending(Now));
    }

    [Fact]
    public void Only_a_planned_message_can_be_cancelled_and_a_message_can_leave_only_once()
    {
        var m = Sms();
        m.StartSending(Now);
        Assert.Throws<DomainRuleException>(() => m.Cancel("x", Now));
        Assert.Throws<DomainRuleException>(() => m.StartSending(Now));
    }

    [Fact]
    public void A_resend_is_a_new_planned_copy_with_the_same_text()
    {
        var m = Sms();
        m.StartSending(Now);
        m.Fail("numéro invalide", true, Now);
        var copy = m.CopyToResend("06 39 98 00 02", Guid.NewGuid(), Now);
        Assert.Equal(MessageStatus.Planned, copy.Status);
        Assert.Equal("Bonjour", copy.Body);
        Assert.Equal("06 39 98 00 02", copy.Recipient);
        Assert.Equal(m.Id, copy.ResendOfId);
    }

    [Fact]
    public void A_message_is_planned_by_its_factory_and_its_state_moves_only_through_its_rules()
    {
        var m = OutboxMessage.Plan(1, Guid.Empty, null, MessagePurpose.Free, MessageChannel.Email, "p@exemple.test",
            new MessageContent("Objet", "Bonjour", "<p>Bonjour</p>"), Now, null, Guid.Empty, Now);
        Assert.Equal(MessageStatus.Planned, m.Status);
        Assert.Equal(0, m.Attempts);
        Assert.Equal(Now, m.DueAt);
        Assert.Equal(("Objet", "Bonjour", "<p>Bonjour</p>"), (m.Subject, m.Body, m.HtmlBody));
        Assert.Null(m.SentAt);
        // No public setter on what the status machine governs.
        foreach (var name in new[] { nameof(OutboxMessage.Status), nameof(OutboxMessage.DueAt), nameof(OutboxMessage.SentAt), nameof(OutboxMessage.Attempts),
                     nameof(OutboxMessage.StatusReason), nameof(OutboxMessage.EndedAt), nameof(OutboxMessage.DeliveredAt), nameof(OutboxMessage.SendingSince) })
            Assert.False(typeof(OutboxMessage).GetProperty(name)!.SetMethod!.IsPublic, name);
        Assert.DoesNotContain(typeof(OutboxMessage).GetConstructors(), c => c.IsPublic);
    }

    [Fact]
    public void A_reminder_now_is_only_for_an_interview_still_planned_and_to_come()
    {
        Assert.True(SendingRules.MayRemindNow(InterviewStatus.Planned, Now.AddHours(2), Now).Allowed);
        var past = SendingRules.MayRemindNow(InterviewStatus.Planned, Now, Now);
        Assert.False(past.Allowed);
        Assert.Equal("Seul un entretien prévu et à venir peut faire l'objet d'un rappel.", past.Reason);
        Assert.False(SendingRules.MayRemindNow(InterviewStatus.Cancelled, Now.AddDays(1), Now).Allowed);
        Assert.False(SendingRules.MayRemindNow(InterviewStatus.InProgress, Now.AddDays(1), Now).Allowed);
    }
}

public sealed class MessageTemplatesTests
{
    [Fact]
    public void An_unknown_placeholder_is_refused_in_french()
    {
        var errors = MessageTemplates.Check("Bonjour {prenom}, rendez-vous le {jour}.", MessageChannel.Email);
        Assert.Equal(["Le champ {jour} n'existe pas. Utilisez seulement les champs de la liste, par exemple {prenom} ou {date}."], errors);
    }

    [Fact]
    public void An_sms_text_cannot_carry_the_objectives()
    {
        var errors = MessageTemplates.Check("Rdv le {date} : {objectifs}", MessageChannel.Sms);
        Assert.Contains(errors, e => e.Contains("{objectifs} ne peut pas figurer dans un SMS"));
        Assert.Empty(MessageTemplates.Check("Rdv le {date} : {objectifs}", MessageChannel.Email));
    }

    [Fact]
    public void Every_default_text_passes_its_own_check()
    {
        foreach (var purpose in Enum.GetValues<MessagePurpose>())
        foreach (var channel in Enum.GetValues<MessageChannel>())
        {
            var (subject, body) = MessageTemplates.Default(purpose, channel);
            Assert.Empty(MessageTemplates.Check(subject, channel));
            Assert.Empty(MessageTemplates.Check(body, channel));
        }
    }

    [Fact]
    public void Rendering_drops_lines_whose_only_placeholder_is_empty()
    {
        var text = MessageTemplates.Render("Bonjour {prenom},\n{connexion}\nÀ bientôt", new Dictionary<string, string?> { ["prenom"] = "Rozenn", ["connexion"] = null });
        Assert.Equal("Bonjour Rozenn,\nÀ bientôt", text);
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Sms_segments_follow_the_gsm_alphabet(int length, int segments) =>
        Assert.Equal(segments, SmsRules.Segments(new string('a', length)));

    [Fact]
    public void A_character_outside_the_gsm_alphabet_makes_segments_of_70()
    {
        Assert.Equal(1, SmsRules.Segments("é" + new string('a', 69)));
        Assert.Equal(2, SmsRules.Segments("œ" + new string('a', 70)));
    }

    [Fact]
    public void An_sms_with_the_objectives_is_refused()
    {
        Assert.False(SmsRules.CarriesNoSensitiveDetail("Rdv demain pour parler de votre dette de loyer", ["dette de loyer"]).Allowed);
        Assert.True(SmsRules.CarriesNoSensitiveDetail("Rdv demain à 10h", ["dette de loyer"]).Allowed);
    }
}
