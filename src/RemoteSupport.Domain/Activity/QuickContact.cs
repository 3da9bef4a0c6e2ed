using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;

namespace RemoteSupport.Domain.Activity;

/// <summary>What the rule says about logging one contact.</summary>
public abstract record QuickContactVerdict
{
    private QuickContactVerdict() { }

    public sealed record Allowed : QuickContactVerdict;

    /// <summary>The person has not agreed to be contacted this way at that time.</summary>
    public sealed record Refused(string Reason) : QuickContactVerdict;

    /// <summary>An outgoing SMS inside the department's quiet period: the worker must confirm it before it is logged.</summary>
    public sealed record NeedsQuietTimeConfirmation(string Warning) : QuickContactVerdict;
}

/// <summary>
/// A contact that was not a planned interview: a call, an SMS or an e-mail, received or made. The rules of the quick
/// contact log live here; the page only turns the verdict into French on the form.
/// </summary>
public sealed record QuickContact(QuickContactKind Kind, ContactDirection Direction, DateTimeOffset At, string Summary)
{
    /// <summary>The consent modality a contact kind falls under; e-mail has none of its own in this model.</summary>
    public static Modality? ModalityOf(QuickContactKind kind) => kind switch
    {
        QuickContactKind.Call => Common.Modality.Phone,
        QuickContactKind.Sms => Common.Modality.Sms,
        QuickContactKind.Email => null,
    };

    public Modality? Modality => ModalityOf(Kind);

    public bool IsOutgoingSms => Kind == QuickContactKind.Sms && Direction == ContactDirection.Outgoing;

    /// <summary>
    /// May this contact be logged? Only a contact the worker initiates needs the person's consent to the modality in
    /// force at its time: an incoming call or SMS is the person's own choice and is always recorded, and e-mail has no
    /// consent of its own, so it is recorded both ways. An outgoing SMS sent inside the department's « période sans
    /// SMS » is logged only once the worker confirms it (<paramref name="quietTimeConfirmed"/>); the journal says so.
    /// </summary>
    public QuickContactVerdict Check(IEnumerable<ConsentRecord> history, Department department, bool quietTimeConfirmed)
    {
        if (Direction == ContactDirection.Outgoing && Modality is { } m)
        {
            var consent = ConsentPolicy.MayContact(history, m, At);
            if (!consent.Allowed) return new QuickContactVerdict.Refused(consent.Reason!);
        }
        if (IsInQuietTime(department) && !quietTimeConfirmed)
            return new QuickContactVerdict.NeedsQuietTimeConfirmation(
                $"Ce SMS a été envoyé pendant la période sans SMS du département (de {department.SmsQuietFrom:HH\\:mm} à {department.SmsQuietUntil:HH\\:mm}). "
                + "Cochez la case de confirmation si cet envoi était nécessaire : la confirmation sera notée dans le journal.");
        return new QuickContactVerdict.Allowed();
    }

    /// <summary>Is this an outgoing SMS sent inside the department's quiet period (Paris time)?</summary>
    public bool IsInQuietTime(Department department) =>
        IsOutgoingSms && department.IsSmsQuietTime(TimeOnly.FromDateTime(ParisTime.ToLocal(At)));

    public static string Label(QuickContactKind kind, ContactDirection direction) => (kind, direction) switch
    {
        (QuickContactKind.Call, ContactDirection.Incoming) => "Appel reçu",
        (QuickContactKind.Call, ContactDirection.Outgoing) => "Appel émis",
        (QuickContactKind.Sms, ContactDirection.Incoming) => "SMS reçu",
        (QuickContactKind.Sms, ContactDirection.Outgoing) => "SMS envoyé",
        (QuickContactKind.Email, ContactDirection.Incoming) => "Courriel reçu",
        (QuickContactKind.Email, ContactDirection.Outgoing) => "Courriel envoyé",
    };

    /// <summary>The journal line: what happened, and, for an SMS sent in the quiet period, that the worker confirmed it.</summary>
    public string JournalDescription(Department department) =>
        $"{Label(Kind, Direction)} : {Summary.Trim()}"
        + (IsInQuietTime(department) ? " (envoyé pendant la période sans SMS du département ; envoi confirmé)" : "");

    /// <summary>The journal entry of this contact, once <see cref="Check"/> allowed it.</summary>
    public ActivityLogEntry ToJournal(int departmentId, Guid personId, Guid actorId, Department department) =>
        ActivityLogEntry.For(departmentId, personId, actorId, At, ActivityKind.ContactLogged, JournalDescription(department), modality: Modality);
}
