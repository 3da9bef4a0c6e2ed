using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Messages;

public enum MessageChannel { Email, Sms }

/// <summary>Why a message is sent. <see cref="Notice"/> is the department's information notice, sent by e-mail only.</summary>
public enum MessagePurpose { Invitation, Reminder, Change, Cancellation, Free, Guide, Notice, GroupInvitation, GroupReminder, GroupChange, GroupCancellation }

/// <summary>planned → sending → sent → delivered, or failed, or cancelled (ADR-0018).</summary>
public enum MessageStatus { Planned, Sending, Sent, Delivered, Failed, Cancelled }

/// <summary>
/// One message to a person, written to the outbox in the same transaction as the change that causes it, and sent later
/// by the background sender. The text is the exact text sent: it is rendered when the message is planned.
/// </summary>
public sealed class OutboxMessage : IDepartmentScoped
{
    public const int MaxAttempts = 5;
    /// <summary>Room for the longest message: the information notice with every department text at its longest (ADR-0025).</summary>
    public const int BodyMaxLength = 32000;
    /// <summary>The HTML version encodes accented letters as entities: it may be several times longer than the text.</summary>
    public const int HtmlBodyMaxLength = 200000;

    private OutboxMessage() { }

    /// <summary>
    /// A message planned to leave at <paramref name="dueAt"/> at the earliest, never after <paramref name="notAfter"/>; its
    /// state moves only through the methods below (sending, sent, delivered, failed, cancelled, held, resent).
    /// </summary>
    public static OutboxMessage Plan(int departmentId, Guid personId, Guid? interviewId, MessagePurpose purpose, MessageChannel channel,
        string recipient, MessageContent content, DateTimeOffset dueAt, DateTimeOffset? notAfter, Guid createdById, DateTimeOffset now,
        Guid? groupSessionId = null) =>
        new()
        {
            DepartmentId = departmentId,
            PersonId = personId,
            InterviewId = interviewId,
            GroupSessionId = groupSessionId,
            Purpose = purpose,
            Channel = channel,
            Recipient = recipient,
            Subject = content.Subject,
            Body = content.Body,
            HtmlBody = content.Html,
            Calendar = content.Calendar,
            DueAt = dueAt,
            NotAfter = notAfter,
            CreatedById = createdById,
            CreatedAt = now,
        };

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? InterviewId { get; private set; }
    /// <summary>The group session the message is about (invitation, reminder, change, cancellation).</summary>
    public Guid? GroupSessionId { get; private set; }
    public MessagePurpose Purpose { get; private set; }
    public MessageChannel Channel { get; private set; }
    /// <summary>An e-mail address or a phone number, as it was when the message was planned.</summary>
    public string Recipient { get; private set; } = "";
    public string? Subject { get; private set; }
    public string Body { get; private set; } = "";
    public string? HtmlBody { get; private set; }
    /// <summary>An iCalendar event for invitations and changes (RFC 5545 text).</summary>
    public string? Calendar { get; private set; }
    /// <summary>When the message should leave at the earliest.</summary>
    public DateTimeOffset DueAt { get; private set; }
    /// <summary>After this moment the message is useless (a reminder after its interview): it is cancelled, never sent late.</summary>
    public DateTimeOffset? NotAfter { get; private set; }
    public MessageStatus Status { get; private set; } = MessageStatus.Planned;
    /// <summary>Why the message is in its status, in French (a failure, a cancellation, a wait for allowed hours).</summary>
    public string? StatusReason { get; private set; }
    public int Attempts { get; private set; }
    public string? ProviderReference { get; private set; }
    public Guid CreatedById { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SendingSince { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>The message this one sends again, when a worker asked to resend.</summary>
    public Guid? ResendOfId { get; private set; }

    public uint Version { get; private set; }

    public bool IsPlanned => Status == MessageStatus.Planned;

    /// <summary>The sender takes the message: only a planned message may leave, once.</summary>
    public void StartSending(DateTimeOffset now)
    {
        if (Status != MessageStatus.Planned) throw new DomainRuleException($"Un message « {Status.French()} » ne peut pas partir.");
        Status = MessageStatus.Sending;
        SendingSince = now;
        Attempts++;
    }

    public void MarkSent(DateTimeOffset now, string? providerReference)
    {
        if (Status != MessageStatus.Sending) throw new DomainRuleException("Seul un message en cours d'envoi peut être marqué envoyé.");
        Status = MessageStatus.Sent;
        SentAt = now;
        ProviderReference = providerReference;
        StatusReason = null;
    }

    /// <summary>The provider says the message reached the person's phone or mailbox.</summary>
    public void MarkDelivered(DateTimeOffset now)
    {
        if (Status is not (MessageStatus.Sent or MessageStatus.Sending))
            throw new DomainRuleException($"Un message « {Status.French()} » ne peut pas être remis.");
        Status = MessageStatus.Delivered;
        DeliveredAt = now;
        EndedAt = now;
        StatusReason = null;
    }

    /// <summary>
    /// A temporary failure puts the message back in the plan after a growing wait (1, 4, 16, 64 minutes), until
    /// <see cref="MaxAttempts"/>; a permanent one (invalid number, refused address) ends it at once: retrying would not help.
    /// </summary>
    public void Fail(string reason, bool permanent, DateTimeOffset now)
    {
        if (Status is not (MessageStatus.Sending or MessageStatus.Sent))
            throw new DomainRuleException($"Un message « {Status.French()} » ne peut pas échouer.");
        if (!permanent && Status == MessageStatus.Sending && Attempts < MaxAttempts)
        {
            var wait = RetryDelay(Attempts);
            Status = MessageStatus.Planned;
            DueAt = now + wait;
            SendingSince = null;
            StatusReason = $"Nouvel essai prévu après un échec temporaire : {reason}";
            return;
        }
        Status = MessageStatus.Failed;
        StatusReason = reason;
        EndedAt = now;
    }

    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromMinutes(Math.Pow(4, Math.Max(0, attempts - 1)));

    /// <summary>Cancels a message that has not left yet, with the reason the worker will read.</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        if (Status != MessageStatus.Planned) throw new DomainRuleException($"Un message « {Status.French()} » ne peut plus être annulé.");
        Status = MessageStatus.Cancelled;
        StatusReason = reason;
        EndedAt = now;
    }

    /// <summary>Holds a planned message until the next allowed moment, saying why.</summary>
    public void WaitUntil(DateTimeOffset at, string reason)
    {
        if (Status != MessageStatus.Planned) throw new DomainRuleException($"Un message « {Status.French()} » ne se reporte pas.");
        DueAt = at;
        StatusReason = reason;
    }

    /// <summary>
    /// A sending interrupted (the instance stopped between claiming and recording): back to the plan, so another instance
    /// takes it. Used only after a long silence, longer than any send takes.
    /// </summary>
    public void RecoverStuck(DateTimeOffset now)
    {
        if (Status != MessageStatus.Sending) return;
        Status = MessageStatus.Planned;
        DueAt = now;
        SendingSince = null;
        StatusReason = "Envoi interrompu, repris automatiquement.";
    }

    /// <summary>A new message with the same text, to send again a message that failed or was cancelled or sent.</summary>
    public OutboxMessage CopyToResend(string recipient, Guid by, DateTimeOffset now)
    {
        if (Status is MessageStatus.Planned or MessageStatus.Sending)
            throw new DomainRuleException("Ce message n'est pas encore parti : inutile de le renvoyer.");
        if (NotAfter is { } limit && limit <= now)
            throw new DomainRuleException("Ce message n'a plus d'objet : l'entretien qu'il annonçait a commencé ou est passé.");
        var copy = Plan(DepartmentId, PersonId, InterviewId, Purpose, Channel, recipient, new MessageContent(Subject, Body, HtmlBody, Calendar),
            now, NotAfter, by, now, GroupSessionId);
        copy.ResendOfId = Id;
        return copy;
    }
}

/// <summary>The exact text of a message, rendered when it is planned: subject (e-mail), text, HTML (e-mail), iCalendar event.</summary>
public sealed record MessageContent(string? Subject, string Body, string? Html = null, string? Calendar = null);

public static class MessageText
{
    public static string French(this MessageStatus s) => s switch
    {
        MessageStatus.Planned => "prévu",
        MessageStatus.Sending => "en cours d'envoi",
        MessageStatus.Sent => "envoyé",
        MessageStatus.Delivered => "remis",
        MessageStatus.Failed => "échec",
        MessageStatus.Cancelled => "annulé",
    };

    public static string French(this MessagePurpose p) => p switch
    {
        MessagePurpose.Invitation => "Invitation",
        MessagePurpose.Reminder => "Rappel",
        MessagePurpose.Change => "Changement d'horaire",
        MessagePurpose.Cancellation => "Annulation",
        MessagePurpose.Free => "Message libre",
        MessagePurpose.Guide => "Mode d'emploi pour le public",
        MessagePurpose.Notice => "Notice d'information",
        MessagePurpose.GroupInvitation => "Invitation à une séance de groupe",
        MessagePurpose.GroupReminder => "Rappel d'une séance de groupe",
        MessagePurpose.GroupChange => "Changement d'une séance de groupe",
        MessagePurpose.GroupCancellation => "Annulation d'une séance de groupe",
    };

    /// <summary>Messages that announce a cancellation: they leave even though their appointment is no longer planned.</summary>
    public static bool AnnouncesCancellation(this MessagePurpose p) => p is MessagePurpose.Cancellation or MessagePurpose.GroupCancellation;

    public static string French(this MessageChannel c) => c switch
    {
        MessageChannel.Email => "e-mail",
        MessageChannel.Sms => "SMS",
    };

    /// <summary>The consent that lets a message leave by this channel.</summary>
    public static Modality ConsentModality(this MessageChannel c) => c switch
    {
        MessageChannel.Email => Modality.Email,
        MessageChannel.Sms => Modality.Sms,
    };
}
