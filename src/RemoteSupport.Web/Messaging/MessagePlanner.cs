using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Messaging;

/// <summary>
/// Adds the outbox rows a change causes to the caller's context, before the caller's one SaveChanges: the change and
/// its messages commit together or not at all (transactional outbox, ADR-0018). Every planned message is journaled.
/// Pages call one method each; they turn the French note it returns into their flash message.
/// </summary>
public sealed class MessagePlanner(AppDbContext db, MessageComposer composer, TimeProvider clock)
{
    /// <summary>At scheduling: the invitation e-mail if the worker asked for it, and the SMS reminder if chosen.</summary>
    public async Task<string?> InterviewScheduledAsync(Interview interview, InvitationInput? invitation, Guid actorId, CancellationToken ct) =>
        await InterviewScheduledAsync(interview, invitation, actorId, await PersonAsync(interview.PersonId, ct), null, ct);

    /// <summary>
    /// At scheduling, with the person and the consent history the handler already read (the schedule POST reads them
    /// once). Nothing asked, nothing read.
    /// </summary>
    public async Task<string?> InterviewScheduledAsync(Interview interview, InvitationInput? invitation, Guid actorId,
        AccompaniedPerson person, IReadOnlyCollection<ConsentRecord>? consentHistory, CancellationToken ct)
    {
        if (invitation is not { Send: true } && !interview.SendSmsReminder) return null;
        var consents = consentHistory ?? await ConsentsAsync(person.Id, ct);
        var worker = await composer.WorkerAsync(interview.WorkerId, ct);
        var notes = new List<string>();
        if (invitation is { Send: true })
        {
            var refused = EmailRefusal(person, consents);
            // A refused invitation is kept, cancelled with the reason: the interview's panel tells the worker why nothing left.
            await PlanInterviewMessageAsync(person, interview, worker, MessagePurpose.Invitation, MessageChannel.Email, invitation, null, actorId, ct,
                refusal: refused is null ? null : "Invitation non envoyée : " + refused);
            if (refused is not null) notes.Add("L'invitation par e-mail n'est pas envoyée : " + refused);
        }
        if (interview.SendSmsReminder) notes.Add(await PlanReminderAsync(person, interview, worker, consents, actorId, ct));
        return notes.Count == 0 ? null : string.Join(" ", notes.Where(n => n.Length > 0));
    }

    /// <summary>
    /// At a postponement: the old interview's planned messages are cancelled; if the person had been invited by e-mail,
    /// the new time goes to them; the reminder follows the new interview.
    /// </summary>
    public async Task<string?> InterviewPostponedAsync(Interview former, Interview next, Guid actorId, CancellationToken ct)
    {
        var (invited, invitationPending) = await CancelPlannedOfAsync(former, $"L'entretien est reporté au {FrenchTime.Format(next.ScheduledAt)}.", ct);
        var person = await PersonAsync(next.PersonId, ct);
        var consents = await ConsentsAsync(person.Id, ct);
        var worker = await composer.WorkerAsync(next.WorkerId, ct);
        var notes = new List<string>();
        if (invited || invitationPending)
        {
            // An invitation that had not left yet is replaced by one for the new time; one already read is followed by a change.
            var refused = EmailRefusal(person, consents);
            if (refused is null)
                await PlanInterviewMessageAsync(person, next, worker, invited ? MessagePurpose.Change : MessagePurpose.Invitation, MessageChannel.Email,
                    null, invited ? former.ScheduledAt : null, actorId, ct);
            else notes.Add("La nouvelle date n'est pas envoyée par e-mail : " + refused);
        }
        if (next.SendSmsReminder) notes.Add(await PlanReminderAsync(person, next, worker, consents, actorId, ct));
        return notes.Count == 0 ? null : string.Join(" ", notes.Where(n => n.Length > 0));
    }

    /// <summary>At a cancellation: planned messages are cancelled and, if the person had been invited by e-mail, told so.</summary>
    public async Task<string?> InterviewCancelledAsync(Interview interview, Guid actorId, CancellationToken ct)
    {
        var (invited, _) = await CancelPlannedOfAsync(interview, "L'entretien est annulé.", ct);
        if (!invited) return null;
        var person = await PersonAsync(interview.PersonId, ct);
        var refused = EmailRefusal(person, await ConsentsAsync(person.Id, ct));
        if (refused is not null) return "La personne n'est pas prévenue par e-mail : " + refused;
        var worker = await composer.WorkerAsync(interview.WorkerId, ct);
        await PlanInterviewMessageAsync(person, interview, worker, MessagePurpose.Cancellation, MessageChannel.Email, null, null, actorId, ct);
        return "La personne est prévenue de l'annulation par e-mail.";
    }

    /// <summary>A withdrawal or refusal of SMS or e-mail: every planned message of that channel is cancelled, in the same save.</summary>
    public async Task<int> ConsentRecordedAsync(ConsentRecord answer, CancellationToken ct)
    {
        if (answer.Modality is not (Modality.Sms or Modality.Email) || answer.Decision == ConsentDecision.Granted) return 0;
        var channel = answer.Modality == Modality.Sms ? MessageChannel.Sms : MessageChannel.Email;
        var planned = await db.OutboxMessages
            .Where(m => m.PersonId == answer.PersonId && m.Channel == channel && m.Status == MessageStatus.Planned)
            .ToListAsync(ct);
        return SendingRules.CancelPlannedOnWithdrawal(planned, answer, clock.GetUtcNow()).Count;
    }

    /// <summary>« Envoyer un rappel maintenant »: an SMS reminder due now (it still waits for an allowed moment).</summary>
    public async Task<PlanOutcome> ReminderNowAsync(Interview interview, Guid actorId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (SendingRules.MayRemindNow(interview.Status, interview.ScheduledAt, now) is { Allowed: false } late)
            return new PlanOutcome.Refused(late.Reason!);
        var person = await PersonAsync(interview.PersonId, ct);
        var consents = await ConsentsAsync(person.Id, ct);
        var refused = SmsRefusal(person, consents);
        if (refused is not null) return new PlanOutcome.Refused("Rappel impossible : " + refused);
        var worker = await composer.WorkerAsync(interview.WorkerId, ct);
        var message = await PlanInterviewMessageAsync(person, interview, worker, MessagePurpose.Reminder, MessageChannel.Sms, null, null, actorId, ct,
            dueAt: now, notAfter: interview.ScheduledAt - SendingRules.ReminderMinimumNotice);
        return new PlanOutcome.Planned(message);
    }

    /// <summary>A free SMS or e-mail written from the person's page: same rules, journaled.</summary>
    public async Task<PlanOutcome> FreeMessageAsync(Guid personId, MessageChannel channel, string? subject, string text, Guid actorId, CancellationToken ct)
    {
        var person = await PersonAsync(personId, ct);
        var consents = await ConsentsAsync(person.Id, ct);
        var refused = channel == MessageChannel.Sms ? SmsRefusal(person, consents) : EmailRefusal(person, consents);
        if (refused is not null) return new PlanOutcome.Refused(refused);
        if (channel == MessageChannel.Sms)
        {
            var objectives = await db.Interviews.AsNoTracking()
                .Where(i => i.PersonId == personId && i.Status == InterviewStatus.Planned).Select(i => i.Objectives).ToListAsync(ct);
            var sensitive = SmsRules.CarriesNoSensitiveDetail(text, objectives.Concat(person.RemoteReasons.Select(r => r.French())));
            if (!sensitive.Allowed) return new PlanOutcome.Refused(sensitive.Reason!);
        }
        var worker = await composer.WorkerAsync(actorId, ct);
        var values = await composer.FreeValuesAsync(person, worker, text, ct);
        var template = await composer.TextAsync(person.DepartmentId, MessagePurpose.Free, channel, ct);
        if (channel == MessageChannel.Email && !string.IsNullOrWhiteSpace(subject)) template = (subject.Trim(), template.Body);
        var composed = MessageComposer.Compose(template, channel, values, null, MessagePurpose.Free, worker.Email);
        var message = Add(person, null, MessagePurpose.Free, channel, composed, clock.GetUtcNow(), null, actorId);
        return new PlanOutcome.Planned(message);
    }

    /// <summary>
    /// A person got a seat in a group session (registered, confirmed by their referent, or promoted from the waiting
    /// list): the invitation with the agenda, by e-mail when the person agreed to e-mails, else by SMS; and the reminder,
    /// by SMS when agreed, else by e-mail. Each person's consents, objection and quiet hours are checked as for interviews.
    /// </summary>
    public async Task<string?> GroupSeatTakenAsync(GroupSession session, Guid personId, Guid actorId, CancellationToken ct)
    {
        var person = await PersonAsync(personId, ct);
        var consents = await ConsentsAsync(personId, ct);
        var worker = await composer.WorkerAsync(session.FacilitatorId, ct);
        var notes = new List<string>();
        var invitation = GroupChannel(person, consents, MessageChannel.Email, MessageChannel.Sms);
        if (invitation.Channel is { } channel)
            await PlanGroupMessageAsync(person, session, worker, MessagePurpose.GroupInvitation, channel, null, actorId, ct);
        else notes.Add("L'invitation n'est pas envoyée : " + invitation.Refusal);
        notes.Add(await PlanGroupReminderAsync(person, session, worker, consents, actorId, ct));
        return Join(notes);
    }

    /// <summary>
    /// A session's date, time or way of joining changed: the planned messages of the session are replaced, and each
    /// registered participant receives the change (with the former time when the time moved) and a new reminder.
    /// </summary>
    public async Task<string?> GroupSessionChangedAsync(GroupSession session, DateTimeOffset formerTime, Guid actorId, CancellationToken ct)
    {
        await CancelPlannedOfSessionAsync(session.Id, null, "La séance a changé : un nouveau message part avec ses nouvelles informations.", ct);
        var worker = await composer.WorkerAsync(session.FacilitatorId, ct);
        var refused = 0;
        foreach (var participant in session.Registered.ToList())
        {
            var person = await PersonAsync(participant.PersonId, ct);
            var consents = await ConsentsAsync(person.Id, ct);
            var change = GroupChannel(person, consents, MessageChannel.Email, MessageChannel.Sms);
            if (change.Channel is { } channel)
                await PlanGroupMessageAsync(person, session, worker, MessagePurpose.GroupChange, channel, formerTime, actorId, ct);
            else refused++;
            await PlanGroupReminderAsync(person, session, worker, consents, actorId, ct);
        }
        return refused == 0 ? null : $"{refused} participant(s) ne peuvent pas être prévenus par message (accord ou coordonnées manquants) : prévenez-les autrement.";
    }

    /// <summary>The session is cancelled: its planned messages are cancelled and each registered participant is told.</summary>
    public async Task<string?> GroupSessionCancelledAsync(GroupSession session, Guid actorId, CancellationToken ct)
    {
        await CancelPlannedOfSessionAsync(session.Id, null, "La séance est annulée.", ct);
        var worker = await composer.WorkerAsync(session.FacilitatorId, ct);
        var refused = 0;
        foreach (var participant in session.Registered.ToList())
        {
            var person = await PersonAsync(participant.PersonId, ct);
            var channel = GroupChannel(person, await ConsentsAsync(person.Id, ct), MessageChannel.Email, MessageChannel.Sms).Channel;
            if (channel is { } c) await PlanGroupMessageAsync(person, session, worker, MessagePurpose.GroupCancellation, c, null, actorId, ct);
            else refused++;
        }
        return refused == 0 ? null : $"{refused} participant(s) ne peuvent pas être prévenus par message (accord ou coordonnées manquants) : prévenez-les autrement.";
    }

    /// <summary>A participant left the session: their planned messages for it are cancelled.</summary>
    public Task GroupSeatLeftAsync(Guid sessionId, Guid personId, CancellationToken ct) =>
        CancelPlannedOfSessionAsync(sessionId, personId, "La personne ne participe plus à la séance.", ct);

    private async Task<string> PlanGroupReminderAsync(AccompaniedPerson person, GroupSession session, MessageComposer.Worker worker,
        IReadOnlyCollection<ConsentRecord> consents, Guid actorId, CancellationToken ct)
    {
        var reminder = GroupChannel(person, consents, MessageChannel.Sms, MessageChannel.Email);
        if (reminder.Channel is not { } channel) return "Le rappel n'est pas prévu : " + reminder.Refusal;
        var hours = await db.MessageSettings.AsNoTracking().Where(s => s.DepartmentId == person.DepartmentId)
            .Select(s => (int?)s.ReminderHoursBefore).FirstOrDefaultAsync(ct) ?? MessageSettings.DefaultReminderHoursBefore;
        var (due, notAfter) = SendingRules.ReminderWindow(session.ScheduledAt, hours);
        var now = clock.GetUtcNow();
        if (notAfter <= now) return "";
        await PlanGroupMessageAsync(person, session, worker, MessagePurpose.GroupReminder, channel, null, actorId, ct, due < now ? now : due, notAfter);
        return "";
    }

    /// <summary>The first channel the person can be reached by, in the order given, or why none.</summary>
    private (MessageChannel? Channel, string? Refusal) GroupChannel(AccompaniedPerson person, IReadOnlyCollection<ConsentRecord> consents,
        params MessageChannel[] order)
    {
        string? first = null;
        foreach (var channel in order)
        {
            var refused = channel == MessageChannel.Sms ? SmsRefusal(person, consents) : EmailRefusal(person, consents);
            if (refused is null) return (channel, null);
            first ??= refused;
        }
        return (null, first);
    }

    private async Task PlanGroupMessageAsync(AccompaniedPerson person, GroupSession session, MessageComposer.Worker worker, MessagePurpose purpose,
        MessageChannel channel, DateTimeOffset? formerTime, Guid actorId, CancellationToken ct, DateTimeOffset? dueAt = null, DateTimeOffset? notAfter = null)
    {
        var values = await composer.GroupValuesAsync(person, session, worker, formerTime, ct);
        var composed = MessageComposer.ComposeGroup(await composer.TextAsync(person.DepartmentId, purpose, channel, ct), channel, values, session, purpose, worker.Email);
        Add(person, null, purpose, channel, composed, dueAt ?? clock.GetUtcNow(),
            purpose == MessagePurpose.GroupCancellation ? null : notAfter ?? session.ScheduledAt, actorId, groupSessionId: session.Id);
    }

    private async Task CancelPlannedOfSessionAsync(Guid sessionId, Guid? personId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var planned = await db.OutboxMessages
            .Where(m => m.GroupSessionId == sessionId && m.Status == MessageStatus.Planned && (personId == null || m.PersonId == personId))
            .ToListAsync(ct);
        foreach (var m in planned) m.Cancel(reason, now);
    }

    private static string? Join(List<string> notes) =>
        notes.Any(n => n.Length > 0) ? string.Join(" ", notes.Where(n => n.Length > 0)) : null;

    /// <summary>
    /// « Envoyer la notice par e-mail »: one e-mail carrying the department's information notice, under the rules of
    /// every e-mail (the person's refusal, e-mail consent, an address), journaled. It counts as given only when the
    /// sender has seen it leave (<see cref="OutboxSender"/>). One notice waiting to leave at a time.
    /// </summary>
    public async Task<PlanOutcome> NoticeAsync(Guid personId, Guid actorId, CancellationToken ct)
    {
        var person = await PersonAsync(personId, ct);
        var refused = EmailRefusal(person, await ConsentsAsync(person.Id, ct));
        if (refused is not null) return new PlanOutcome.Refused("La notice ne peut pas partir par e-mail : " + refused);
        if (await db.OutboxMessages.AnyAsync(m => m.PersonId == personId && m.Purpose == MessagePurpose.Notice
                && (m.Status == MessageStatus.Planned || m.Status == MessageStatus.Sending), ct))
            return new PlanOutcome.Refused("La notice attend déjà de partir par e-mail : inutile de la demander une seconde fois.");
        var worker = await composer.WorkerAsync(actorId, ct);
        var composed = await composer.NoticeAsync(person, worker, ct);
        if (composed.Body.Length > OutboxMessage.BodyMaxLength || composed.Html?.Length > OutboxMessage.HtmlBodyMaxLength)
            return new PlanOutcome.Refused("La notice est trop longue pour partir par e-mail : un administrateur peut raccourcir ses textes dans les réglages de la notice.");
        return new PlanOutcome.Planned(Add(person, null, MessagePurpose.Notice, MessageChannel.Email, composed, clock.GetUtcNow(), null, actorId));
    }

    private async Task<string> PlanReminderAsync(AccompaniedPerson person, Interview interview, MessageComposer.Worker worker,
        IReadOnlyCollection<ConsentRecord> consents, Guid actorId, CancellationToken ct)
    {
        var refused = SmsRefusal(person, consents);
        if (refused is not null) return "Le rappel par SMS n'est pas prévu : " + refused;
        var hours = await db.MessageSettings.AsNoTracking().Where(s => s.DepartmentId == person.DepartmentId)
            .Select(s => (int?)s.ReminderHoursBefore).FirstOrDefaultAsync(ct) ?? MessageSettings.DefaultReminderHoursBefore;
        var (due, notAfter) = SendingRules.ReminderWindow(interview.ScheduledAt, hours);
        var now = clock.GetUtcNow();
        if (notAfter <= now) return "Le rappel par SMS n'est pas prévu : l'entretien est trop proche.";
        await PlanInterviewMessageAsync(person, interview, worker, MessagePurpose.Reminder, MessageChannel.Sms, null, null, actorId, ct,
            dueAt: due < now ? now : due, notAfter: notAfter);
        return "";
    }

    private async Task<OutboxMessage> PlanInterviewMessageAsync(AccompaniedPerson person, Interview interview, MessageComposer.Worker worker,
        MessagePurpose purpose, MessageChannel channel, InvitationInput? invitation, DateTimeOffset? formerTime, Guid actorId, CancellationToken ct,
        DateTimeOffset? dueAt = null, DateTimeOffset? notAfter = null, string? refusal = null)
    {
        var values = await composer.InterviewValuesAsync(person, interview, worker, invitation, formerTime, ct);
        var composed = MessageComposer.Compose(await composer.TextAsync(person.DepartmentId, purpose, channel, ct), channel, values, interview, purpose, worker.Email);
        if (channel == MessageChannel.Sms && !SmsRules.CarriesNoSensitiveDetail(composed.Body, [interview.Objectives]).Allowed)
            composed = composed with { Body = MessageTemplates.Render(MessageTemplates.Default(purpose, channel).Body, values) };
        return Add(person, interview.Id, purpose, channel, composed, dueAt ?? clock.GetUtcNow(), notAfter ?? interview.ScheduledAt, actorId, refusal);
    }

    private OutboxMessage Add(AccompaniedPerson person, Guid? interviewId, MessagePurpose purpose, MessageChannel channel, ComposedMessage composed,
        DateTimeOffset dueAt, DateTimeOffset? notAfter, Guid actorId, string? refusal = null, Guid? groupSessionId = null)
    {
        var now = clock.GetUtcNow();
        var message = OutboxMessage.Plan(person.DepartmentId, person.Id, interviewId, purpose, channel,
            (channel == MessageChannel.Sms ? person.Phone : person.Email) ?? "",
            new MessageContent(composed.Subject, composed.Body, composed.Html, composed.Calendar), dueAt, notAfter, actorId, now, groupSessionId);
        if (refusal is not null) message.Cancel(refusal, now);
        db.OutboxMessages.Add(message);
        db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, actorId, now, ActivityKind.MessageToPerson,
            refusal is not null ? $"{purpose.French()} par {channel.French()} : pas d'envoi. {refusal}"
                : $"{purpose.French()} par {channel.French()} : envoi prévu{(dueAt <= now ? "" : " le " + FrenchTime.Format(dueAt))}.", interviewId,
            channel.ConsentModality()));
        return message;
    }

    /// <summary>
    /// Cancels the interview's planned messages. Says whether an invitation (or change) e-mail had already left, and
    /// whether one was still waiting to leave.
    /// </summary>
    private async Task<(bool Sent, bool Pending)> CancelPlannedOfAsync(Interview interview, string reason, CancellationToken ct)
    {
        var messages = await db.OutboxMessages.Where(m => m.InterviewId == interview.Id).ToListAsync(ct);
        var invitations = messages.Where(m => m.Channel == MessageChannel.Email && m.Purpose is MessagePurpose.Invitation or MessagePurpose.Change).ToList();
        var sent = invitations.Any(m => m.Status is MessageStatus.Sent or MessageStatus.Delivered or MessageStatus.Sending);
        var pending = invitations.Any(m => m.IsPlanned);
        var now = clock.GetUtcNow();
        foreach (var m in messages.Where(m => m.IsPlanned)) m.Cancel(reason, now);
        return (sent, pending);
    }

    private string? EmailRefusal(AccompaniedPerson person, IReadOnlyCollection<ConsentRecord> consents)
    {
        if (SendingRules.PersonRefusal(person) is { } barred) return LowerFirst(barred);
        if (string.IsNullOrWhiteSpace(person.Email)) return "aucune adresse e-mail n'est enregistrée pour la personne.";
        var consent = ConsentPolicy.MayContact(consents, Modality.Email, clock.GetUtcNow());
        return consent.Allowed ? null : LowerFirst(consent.Reason);
    }

    private string? SmsRefusal(AccompaniedPerson person, IReadOnlyCollection<ConsentRecord> consents)
    {
        if (SendingRules.PersonRefusal(person) is { } barred) return LowerFirst(barred);
        if (string.IsNullOrWhiteSpace(person.Phone)) return "aucun numéro de téléphone n'est enregistré pour la personne.";
        var consent = ConsentPolicy.MayContact(consents, Modality.Sms, clock.GetUtcNow());
        return consent.Allowed ? null : LowerFirst(consent.Reason);
    }

    private static string LowerFirst(string? s) => string.IsNullOrEmpty(s) ? "" : char.ToLowerInvariant(s[0]) + s[1..];

    private Task<AccompaniedPerson> PersonAsync(Guid personId, CancellationToken ct) =>
        db.Persons.AsNoTracking().FirstAsync(p => p.Id == personId, ct);

    private async Task<IReadOnlyCollection<ConsentRecord>> ConsentsAsync(Guid personId, CancellationToken ct) =>
        await db.ConsentHistoryAsync(personId, ct);
}

public abstract record PlanOutcome
{
    public sealed record Planned(OutboxMessage Message) : PlanOutcome;
    public sealed record Refused(string Reason) : PlanOutcome;
}
