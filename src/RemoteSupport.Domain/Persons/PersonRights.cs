using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Persons;

/// <summary>How the information notice reached the person.</summary>
public enum NoticeMethod { InPerson, ByPost, ByEmail }

/// <summary>
/// The person's rights over their file (issue 14): information, objection to messages, restriction of processing,
/// retention hold and anonymisation. Each change is journaled by the caller, in the same save.
/// </summary>
public sealed partial class AccompaniedPerson
{
    public const int RightsReasonMaxLength = 500;

    /// <summary>When the information notice was last given, and how.</summary>
    public DateTimeOffset? NoticeGivenAt { get; private set; }
    public NoticeMethod? NoticeMethod { get; private set; }

    /// <summary>Opposition aux messages (GDPR art. 21): no message of any kind leaves for this person.</summary>
    public bool ObjectsToMessages { get; private set; }
    public DateTimeOffset? ObjectedToMessagesAt { get; private set; }

    /// <summary>Limitation du traitement (GDPR art. 18): the file is kept but read-only, except for lifting it.</summary>
    public bool ProcessingRestricted { get; private set; }
    public DateTimeOffset? ProcessingRestrictedAt { get; private set; }

    /// <summary>A legal obligation keeps the file past its active period; the reason is journaled.</summary>
    public string? RetentionHoldReason { get; private set; }
    public DateTimeOffset? RetentionHeldAt { get; private set; }

    /// <summary>Set once identifying fields and free texts were wiped: the record remains only as anonymous facts.</summary>
    public DateTimeOffset? AnonymisedAt { get; private set; }

    public bool IsAnonymised => AnonymisedAt is not null;
    public bool IsRetentionHeld => RetentionHeldAt is not null;

    /// <summary>The one question every sender asks: may any message (SMS, e-mail, reminder) leave for this person?</summary>
    public bool MayReceiveMessages => !ObjectsToMessages && !ProcessingRestricted && !IsAnonymised && Status == PersonStatus.Active;

    /// <summary>Refuses any change while processing is restricted or once the file is anonymised.</summary>
    public void EnsureWritable()
    {
        if (IsAnonymised) throw new DomainRuleException("Ce dossier est anonymisé : il ne se modifie plus.");
        if (ProcessingRestricted)
            throw new DomainRuleException("Le traitement de ce dossier est limité à la demande de la personne : il se consulte mais ne se modifie plus, sauf pour lever la limitation.");
    }

    /// <summary>
    /// A notice handed over in person or posted, as the worker records it. By e-mail the app sends it itself, and it
    /// counts as given only once the e-mail has left: see <see cref="RecordNoticeSentByEmail"/>.
    /// </summary>
    public void RecordNoticeGiven(NoticeMethod method, DateTimeOffset at)
    {
        EnsureWritable();
        if (method == Persons.NoticeMethod.ByEmail)
            throw new DomainRuleException("Par e-mail, la notice part avec « Envoyer la notice par e-mail » : elle est notée comme remise quand l'e-mail est parti.");
        NoticeGivenAt = at;
        NoticeMethod = method;
    }

    /// <summary>The sender saw the notice e-mail leave at <paramref name="sentAt"/>: the notice is given, by e-mail.</summary>
    public void RecordNoticeSentByEmail(DateTimeOffset sentAt)
    {
        EnsureWritable();
        NoticeGivenAt = sentAt;
        NoticeMethod = Persons.NoticeMethod.ByEmail;
    }

    public void ObjectToMessages(DateTimeOffset at)
    {
        EnsureWritable();
        if (ObjectsToMessages) throw new DomainRuleException("La personne s'oppose déjà aux messages.");
        ObjectsToMessages = true;
        ObjectedToMessagesAt = at;
    }

    public void LiftObjectionToMessages()
    {
        EnsureWritable();
        if (!ObjectsToMessages) throw new DomainRuleException("La personne ne s'oppose pas aux messages.");
        ObjectsToMessages = false;
        ObjectedToMessagesAt = null;
    }

    public void RestrictProcessing(DateTimeOffset at)
    {
        EnsureWritable();
        ProcessingRestricted = true;
        ProcessingRestrictedAt = at;
    }

    /// <summary>The one change a restricted file accepts.</summary>
    public void LiftProcessingRestriction()
    {
        if (IsAnonymised) throw new DomainRuleException("Ce dossier est anonymisé : il ne se modifie plus.");
        if (!ProcessingRestricted) throw new DomainRuleException("Le traitement de ce dossier n'est pas limité.");
        ProcessingRestricted = false;
        ProcessingRestrictedAt = null;
    }

    public void HoldRetention(string reason, DateTimeOffset at)
    {
        if (IsAnonymised) throw new DomainRuleException("Ce dossier est déjà anonymisé.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Indiquez l'obligation légale qui impose de conserver ce dossier.");
        RetentionHoldReason = reason.Trim();
        RetentionHeldAt = at;
    }

    public void ReleaseRetentionHold()
    {
        if (!IsRetentionHeld) throw new DomainRuleException("Ce dossier n'est pas en conservation prolongée.");
        RetentionHoldReason = null;
        RetentionHeldAt = null;
    }

    /// <summary>
    /// Wipes, irreversibly, what identifies the person and every free text of the file itself; keeps the facts figures
    /// count (status, dates, risk, reasons, equipment). Related records are wiped by the retention job in the same
    /// transaction (see ADR-0023).
    /// </summary>
    public void Anonymise(DateTimeOffset at)
    {
        if (IsAnonymised) throw new DomainRuleException("Ce dossier est déjà anonymisé.");
        if (IsRetentionHeld) throw new DomainRuleException("Ce dossier est conservé au titre d'une obligation légale : levez la conservation d'abord.");
        FirstName = AnonymousFirstName;
        LastName = AnonymousLastName;
        BirthDate = null;
        Phone = null;
        Email = null;
        Address = null;
        PostalCode = null;
        City = null;
        ClosureReason = null;
        Language = null;
        PreferredContactNote = null;
        RetentionHoldReason = null;
        if (Status == PersonStatus.Active)
        {
            Status = PersonStatus.Closed;
            ClosedAt = at;
        }
        ObjectsToMessages = false;
        ProcessingRestricted = false;
        AnonymisedAt = at;
    }

    public const string AnonymousFirstName = "Personne";
    public const string AnonymousLastName = "anonymisée";
}

public static class PersonRightsText
{
    /// <summary>The ways a worker records by hand; « par e-mail » is recorded by the sender when the e-mail leaves.</summary>
    public static readonly IReadOnlyList<NoticeMethod> RecordedByHand = [NoticeMethod.InPerson, NoticeMethod.ByPost];

    public static string French(this NoticeMethod m) => m switch
    {
        NoticeMethod.InPerson => "Remise en main propre",
        NoticeMethod.ByPost => "Envoyée par courrier",
        NoticeMethod.ByEmail => "Envoyée par courriel",
    };
}
