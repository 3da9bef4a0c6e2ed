using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Activity;

public enum ActivityKind
{
    PersonCreated,
    PersonUpdated,
    PersonClosed,
    PersonReopened,
    ContactPreferencesUpdated,
    ConsentRecorded,
    InterviewScheduled,
    InterviewStarted,
    InterviewFallbackSwitched,
    InterviewCompleted,
    InterviewPostponed,
    InterviewCancelled,
    InterviewNoShow,
    ContactLogged,
    FollowUpActionDone,
    PersonReassigned,
    // The person's rights (issue 14)
    NoticeGiven,
    MessagesObjected,
    MessagesObjectionLifted,
    ProcessingRestricted,
    ProcessingRestrictionLifted,
    RetentionHeld,
    RetentionHoldReleased,
    SubjectAccessExported,
    PersonAnonymised,
    /// <summary>A message to the person (e-mail or SMS) was planned, cancelled, or came back (a STOP).</summary>
    MessageToPerson,
    /// <summary>The person was oriented to a resource of the directory (issue 17).</summary>
    OrientedToResource,
    /// <summary>A resource's contact card was sent to the person (issue 17).</summary>
    ResourceCardSent,
    /// <summary>A change of the person's place in a group session: registered, waiting list, proposed, left (issue 16).</summary>
    GroupSessionPlace,
    /// <summary>The person's attendance at a group session, from its attendance sheet (issue 16).</summary>
    GroupSessionAttendance,
    /// <summary>A follow-up given to the person at the end of a group session (issue 16).</summary>
    GroupSessionFollowUp,
}

/// <summary>
/// The journal d'activité: append-only, attributable record of what was done for a person.
/// It stands in for the department's system of record, so it is never updated or deleted.
/// </summary>
public sealed partial class ActivityLogEntry : IDepartmentScoped
{
    // For EF Core; entries are written through For.
    private ActivityLogEntry() { }

    public long Id { get; private set; }
    public int DepartmentId { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid ActorId { get; private set; }
    public DateTimeOffset At { get; internal set; }
    public ActivityKind Kind { get; private set; }
    /// <summary>What happened, in French, for the person's journal. Stored data, never written to the technical log.</summary>
    public string Description { get; private set; } = "";
    public Guid? InterviewId { get; private set; }
    public Modality? Modality { get; private set; }

    /// <summary>The one way to write a journal line. A description longer than the column is cut, never refused.</summary>
    public static ActivityLogEntry For(int departmentId, Guid? personId, Guid actorId, DateTimeOffset at, ActivityKind kind, string description,
        Guid? interviewId = null, Modality? modality = null) => new()
    {
        DepartmentId = departmentId,
        PersonId = personId,
        ActorId = actorId,
        At = at,
        Kind = kind,
        Description = description.Length <= FieldLengths.JournalDescription ? description : description[..(FieldLengths.JournalDescription - 1)] + "…",
        InterviewId = interviewId,
        Modality = modality,
    };
}

public static class ActivityText
{
    public static string French(this ActivityKind k) => k switch
    {
        ActivityKind.PersonCreated => "Création du dossier",
        ActivityKind.PersonUpdated => "Modification du dossier",
        ActivityKind.PersonClosed => "Clôture du suivi",
        ActivityKind.PersonReopened => "Réouverture du suivi",
        ActivityKind.ContactPreferencesUpdated => "Préférences de contact",
        ActivityKind.ConsentRecorded => "Consentement",
        ActivityKind.InterviewScheduled => "Entretien planifié",
        ActivityKind.InterviewStarted => "Entretien commencé",
        ActivityKind.InterviewFallbackSwitched => "Passage au plan B",
        ActivityKind.InterviewCompleted => "Entretien réalisé",
        ActivityKind.InterviewPostponed => "Entretien reporté",
        ActivityKind.InterviewCancelled => "Entretien annulé",
        ActivityKind.InterviewNoShow => "Personne absente",
        ActivityKind.ContactLogged => "Contact",
        ActivityKind.FollowUpActionDone => "Suite réalisée",
        ActivityKind.PersonReassigned => "Changement de référent",
        ActivityKind.NoticeGiven => "Notice d'information remise",
        ActivityKind.MessagesObjected => "Opposition aux messages",
        ActivityKind.MessagesObjectionLifted => "Fin de l'opposition aux messages",
        ActivityKind.ProcessingRestricted => "Limitation du traitement",
        ActivityKind.ProcessingRestrictionLifted => "Fin de la limitation du traitement",
        ActivityKind.RetentionHeld => "Conservation prolongée",
        ActivityKind.RetentionHoldReleased => "Fin de la conservation prolongée",
        ActivityKind.SubjectAccessExported => "Copie des données remise",
        ActivityKind.PersonAnonymised => "Dossier anonymisé",
        ActivityKind.MessageToPerson => "Message à la personne",
        ActivityKind.OrientedToResource => "Orientation vers une ressource",
        ActivityKind.ResourceCardSent => "Fiche d'une ressource envoyée",
        ActivityKind.GroupSessionPlace => "Séance de groupe : inscription",
        ActivityKind.GroupSessionAttendance => "Séance de groupe : présence",
        ActivityKind.GroupSessionFollowUp => "Séance de groupe : suite convenue",
    };
}

/// <summary>Who opened which file, and when: every access to a person's file is traceable.</summary>
public sealed class PersonAccess : IDepartmentScoped
{
    // For EF Core; accesses are written through Record.
    private PersonAccess() { }

    public long Id { get; private set; }
    public int DepartmentId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset At { get; internal set; }
    public string Page { get; private set; } = "";

    public static PersonAccess Record(int departmentId, Guid personId, Guid userId, DateTimeOffset at, string page) => new()
    {
        DepartmentId = departmentId, PersonId = personId, UserId = userId, At = at,
        Page = page.Length <= FieldLengths.AccessPage ? page : page[..FieldLengths.AccessPage],
    };
}

/// <summary>An administrative change: who, when, what, before and after (JSON).</summary>
public sealed class AuditEntry
{
    private AuditEntry() { } // EF Core; entries are written through Of, never changed

    public long Id { get; private set; }
    /// <summary>Null for changes that span departments (e.g. a user's grants).</summary>
    public int? DepartmentId { get; private set; }
    public Guid ActorId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public AuditArea Area { get; private set; }
    public AuditAction Action { get; private set; }
    public string EntityId { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }

    /// <summary>One administrative change, with a known area and action.</summary>
    public static AuditEntry Of(int? departmentId, Guid actorId, DateTimeOffset at, AuditArea area, AuditAction action, string entityId,
        string? before, string? after)
    {
        if (!Enum.IsDefined(area)) throw new ArgumentOutOfRangeException(nameof(area));
        if (!Enum.IsDefined(action)) throw new ArgumentOutOfRangeException(nameof(action));
        return new AuditEntry
        {
            DepartmentId = departmentId, ActorId = actorId, At = at, Area = area, Action = action, EntityId = entityId, Before = before, After = after,
        };
    }
}
