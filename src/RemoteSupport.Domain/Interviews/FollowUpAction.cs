using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Interviews;

/// <summary>"Qui fait quoi": a follow-up action decided in an interview.</summary>
public sealed class FollowUpAction : IDepartmentScoped
{
    public const int WhoMaxLength = 120;
    public const int WhatMaxLength = 500;

    private FollowUpAction() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? InterviewId { get; private set; }
    /// <summary>The group session where the action was decided (« qui fait quoi » at the end of a session).</summary>
    public Guid? GroupSessionId { get; private set; }
    public string Who { get; private set; } = "";
    /// <summary>The directory resource that does it (an orientation), when « qui » is a partner of the directory.</summary>
    public Guid? ResourceId { get; private set; }
    public string What { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }

    /// <summary>An action decided when completing <paramref name="interview"/>: who does what by when.</summary>
    public static FollowUpAction Decide(Interview interview, string who, string what, DateOnly dueOn) =>
        WhoDoesWhat(interview.DepartmentId, interview.PersonId, who, what, dueOn, interviewId: interview.Id);

    /// <summary>« Qui fait quoi »: both said, neither too long.</summary>
    private static FollowUpAction WhoDoesWhat(int departmentId, Guid personId, string who, string what, DateOnly dueOn,
        Guid? interviewId = null, Guid? groupSessionId = null)
    {
        if (string.IsNullOrWhiteSpace(who)) throw new DomainRuleException("Indiquez qui s'en charge.");
        if (string.IsNullOrWhiteSpace(what)) throw new DomainRuleException("Indiquez ce qu'il faut faire.");
        if (who.Trim().Length > WhoMaxLength) throw new DomainRuleException($"« Qui » ne peut pas dépasser {WhoMaxLength} caractères.");
        if (what.Trim().Length > WhatMaxLength) throw new DomainRuleException($"« Quoi » ne peut pas dépasser {WhatMaxLength} caractères.");
        return new FollowUpAction
        {
            DepartmentId = departmentId, PersonId = personId, InterviewId = interviewId, GroupSessionId = groupSessionId,
            Who = who.Trim(), What = what.Trim(), DueOn = dueOn,
        };
    }

    /// <summary>
    /// An orientation decided outside an interview: a resource of the directory does <paramref name="what"/> by
    /// <paramref name="dueOn"/>; « qui » is the resource's name.
    /// </summary>
    public static FollowUpAction Orient(int departmentId, Guid personId, Persons.PersonStatus personStatus, Guid resourceId,
        string resourceName, bool resourceActive, string what, DateOnly dueOn)
    {
        if (personStatus == Persons.PersonStatus.Closed) throw new DomainRuleException("Ce suivi est clos : rouvrez-le avant d'orienter la personne.");
        if (!resourceActive) throw new DomainRuleException("Cette ressource n'est plus active : choisissez-en une autre.");
        if (string.IsNullOrWhiteSpace(what)) throw new DomainRuleException("Indiquez ce qu'il faut faire.");
        var who = resourceName.Trim();
        return new FollowUpAction
        {
            DepartmentId = departmentId,
            PersonId = personId,
            ResourceId = resourceId,
            Who = who.Length > WhoMaxLength ? who[..WhoMaxLength] : who,
            What = what.Trim(),
            DueOn = dueOn,
        };
    }

    /// <summary>
    /// A follow-up given to one participant at the end of a group session, written to that person's file. Only a
    /// participant who was there (present or left early) receives one, once the attendance is recorded.
    /// </summary>
    public static FollowUpAction FromGroupSession(Groups.GroupSession session, Guid participantId, string who, string what, DateOnly dueOn)
    {
        if (session.Status != Groups.GroupSessionStatus.Held)
            throw new DomainRuleException("Les suites se donnent après la séance, une fois les présences notées.");
        var participant = session.Participants.SingleOrDefault(p => p.Id == participantId && p.Status == Groups.ParticipantStatus.Registered)
            ?? throw new DomainRuleException("Cette personne n'était pas inscrite à la séance.");
        if (participant.Attendance is not (Groups.Attendance.Present or Groups.Attendance.LeftEarly))
            throw new DomainRuleException("Cette personne n'a pas participé à la séance : donnez-lui ses suites lors d'un échange individuel.");
        return WhoDoesWhat(session.DepartmentId, participant.PersonId, who, what, dueOn, groupSessionId: session.Id);
    }

    public bool IsDone => DoneAt is not null;

    public bool IsOverdue(DateOnly today) => DoneAt is null && DueOn < today;

    /// <summary>Marks the action done; false (and nothing changes) when it already was: the first "done" is the one kept.</summary>
    public bool MarkDone(DateTimeOffset at)
    {
        if (IsDone) return false;
        DoneAt = at;
        return true;
    }
}
