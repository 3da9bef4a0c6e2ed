using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Domain.Groups;

public enum GroupSessionStatus { Planned, Held, Cancelled }

/// <summary>
/// Proposed: added by a worker who does not follow the person, waiting for their referent to confirm. Registered: has a
/// seat. Waiting: on the waiting list, in order. Withdrawn: left the session. Declined: the referent turned the proposal down.
/// </summary>
public enum ParticipantStatus { Proposed, Registered, Waiting, Withdrawn, Declined }

public enum Attendance { Present, Absent, Excused, LeftEarly }

public enum GroupRole { Facilitator, NoteTaker, TechnicalHelper }

/// <summary>What a worker sets when planning or changing a session.</summary>
public sealed record GroupSessionDetails(
    string Theme, DateTimeOffset ScheduledAt, int DurationMinutes, Modality Modality, Guid? ToolId, string? JoinDetails,
    int Capacity, string Agenda, string? SpeakingRules, Guid FacilitatorId, Guid? NoteTakerId, Guid? TechnicalHelperWorkerId);

/// <summary>
/// What a session needs to know of a person's file before they take part: a closed, anonymised or restricted file
/// takes part in nothing (<see cref="GroupRules.MayTakePart"/>).
/// </summary>
public sealed record PersonStanding(Guid Id, Persons.PersonStatus Status, bool IsAnonymised, bool ProcessingRestricted)
{
    public static PersonStanding Of(Persons.AccompaniedPerson p) => new(p.Id, p.Status, p.IsAnonymised, p.ProcessingRestricted);
}

/// <summary>What a change to the participants did, for the page's message, the journals and the messages.</summary>
public sealed record SeatChange(GroupParticipant Participant, ParticipantStatus Status, GroupParticipant? Promoted);

/// <summary>
/// A group session (« visio en groupe », action collective) and its participants, seats and waiting list, checklist,
/// attendance and shared summary. The session is one aggregate: every change to its participants goes through it and
/// bumps <see cref="SeatsVersion"/>, so two workers saving at once conflict on the session's row and the seat count
/// can never pass the capacity (ADR-0027).
/// </summary>
public sealed class GroupSession : IDepartmentScoped
{
    private readonly List<GroupParticipant> _participants = [];
    private readonly List<GroupChecklistItem> _checklist = [];

    private GroupSession() { } // EF Core

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public string Theme { get; private set; } = "";
    public DateTimeOffset ScheduledAt { get; private set; }
    public int DurationMinutes { get; private set; }
    public Modality Modality { get; private set; }
    public Guid? ToolId { get; private set; }
    /// <summary>How to join: the link, or the number and code of the conference. Sent to registered participants only.</summary>
    public string? JoinDetails { get; private set; }
    public int Capacity { get; private set; }
    public string Agenda { get; private set; } = "";
    public string? SpeakingRules { get; private set; }
    public Guid OrganiserId { get; private set; }
    public Guid FacilitatorId { get; private set; }
    public Guid? NoteTakerId { get; private set; }
    public Guid? TechnicalHelperWorkerId { get; private set; }
    public GroupSessionStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? HeldRecordedAt { get; private set; }
    public string? Summary { get; private set; }
    public DateTimeOffset? SummaryAt { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    /// <summary>The session this one follows, with the same group.</summary>
    public Guid? PreviousSessionId { get; private set; }
    public Guid? ChecklistTemplateId { get; private set; }
    /// <summary>Registered participants, kept on the session's row (a database check holds it under the capacity).</summary>
    public int SeatsTaken { get; private set; }
    /// <summary>Bumped by every change of the participants: the row changes, so concurrent changes conflict.</summary>
    public int SeatsVersion { get; private set; }
    /// <summary>PostgreSQL xmin.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<GroupParticipant> Participants => _participants;
    public IReadOnlyList<GroupChecklistItem> Checklist => _checklist;

    public DateTimeOffset EndsAt => ScheduledAt.AddMinutes(DurationMinutes);
    public IReadOnlyList<SessionPart> Outline => GroupRules.Outline(DurationMinutes);
    public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);
    public string? CapacityWarning => GroupRules.CapacityWarning(Capacity);

    public IEnumerable<GroupParticipant> Registered => _participants.Where(p => p.Status == ParticipantStatus.Registered);
    /// <summary>The registered participant who agreed to help the others with the technical side, if one did.</summary>
    public GroupParticipant? ParticipantTechnicalHelper => _participants.FirstOrDefault(p => p.IsTechnicalHelper && p.Status == ParticipantStatus.Registered);
    public IEnumerable<GroupParticipant> WaitingList =>
        _participants.Where(p => p.Status == ParticipantStatus.Waiting).OrderBy(p => p.Position);

    /// <summary>A new session, planned by <paramref name="organiserId"/>, checked against the guide and the department's limit.</summary>
    public static GroupSession Plan(int departmentId, Guid organiserId, GroupSessionDetails details, int departmentMax, DateTimeOffset now,
        Guid? previousSessionId = null)
    {
        var session = new GroupSession
        {
            DepartmentId = departmentId, OrganiserId = organiserId, CreatedAt = now, Status = GroupSessionStatus.Planned,
            PreviousSessionId = previousSessionId,
        };
        session.Apply(details, departmentMax, now);
        return session;
    }

    /// <summary>
    /// Changes a planned session. A capacity below the seats already taken is refused (nobody loses a seat by a
    /// setting); a larger one gives the freed seats to the waiting list, in order. Returns the promoted participants.
    /// </summary>
    public IReadOnlyList<GroupParticipant> Change(GroupSessionDetails details, int departmentMax, DateTimeOffset now)
    {
        EnsurePlanned();
        if (details.Capacity < SeatsTaken)
            throw new DomainRuleException($"{SeatsTaken} personnes sont déjà inscrites : la capacité ne peut pas descendre en dessous.");
        Apply(details, departmentMax, now);
        var promoted = new List<GroupParticipant>();
        while (SeatsTaken < Capacity && WaitingList.FirstOrDefault() is { } next)
        {
            next.Promote(now);
            SeatsTaken++;
            promoted.Add(next);
        }
        SeatsVersion++;
        return promoted;
    }

    private void Apply(GroupSessionDetails d, int departmentMax, DateTimeOffset now)
    {
        var theme = d.Theme.Trim();
        if (theme.Length == 0) throw new DomainRuleException("Indiquez le thème de la séance.");
        if (theme.Length > GroupRules.ThemeMaxLength) throw new DomainRuleException($"Le thème ne peut pas dépasser {GroupRules.ThemeMaxLength} caractères.");
        if (d.ScheduledAt <= now) throw new DomainRuleException("La séance doit être prévue dans le futur.");
        if (GroupRules.CheckDuration(d.DurationMinutes) is { Allowed: false } duration) throw new DomainRuleException(duration.Reason!);
        if (!ModalityText.GroupModalities.Contains(d.Modality))
            throw new DomainRuleException("Une séance de groupe se tient en visioconférence ou en audioconférence.");
        if (d.ToolId is null) throw new DomainRuleException("Choisissez l'outil approuvé par le département pour la séance.");
        if (GroupRules.CheckCapacity(d.Capacity, departmentMax) is { Allowed: false } capacity) throw new DomainRuleException(capacity.Reason!);
        var agenda = d.Agenda.Trim();
        if (agenda.Length == 0) throw new DomainRuleException("Écrivez l'ordre du jour : il est envoyé aux participants avec l'invitation.");
        if (agenda.Length > GroupRules.AgendaMaxLength) throw new DomainRuleException($"L'ordre du jour ne peut pas dépasser {GroupRules.AgendaMaxLength} caractères.");
        Theme = theme;
        ScheduledAt = d.ScheduledAt;
        DurationMinutes = d.DurationMinutes;
        Modality = d.Modality;
        ToolId = d.ToolId;
        JoinDetails = Clean(d.JoinDetails);
        Capacity = d.Capacity;
        Agenda = agenda;
        SpeakingRules = Clean(d.SpeakingRules);
        FacilitatorId = d.FacilitatorId;
        NoteTakerId = d.NoteTakerId;
        TechnicalHelperWorkerId = d.TechnicalHelperWorkerId;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The roles still to name before the session (the guide names three).</summary>
    public IReadOnlyList<GroupRole> RolesToName()
    {
        var missing = new List<GroupRole>();
        if (NoteTakerId is null) missing.Add(GroupRole.NoteTaker);
        if (TechnicalHelperWorkerId is null && ParticipantTechnicalHelper is null)
            missing.Add(GroupRole.TechnicalHelper);
        return missing;
    }

    /// <summary>Is this worker one of the session's team (organiser or a named role)?</summary>
    public bool IsStaff(Guid userId) =>
        userId == OrganiserId || userId == FacilitatorId || userId == NoteTakerId || userId == TechnicalHelperWorkerId;

    /// <summary>Copies the department's published group checklist: the session keeps this version.</summary>
    public void TakeChecklist(ChecklistTemplate template)
    {
        if (template.Modality != Modality.Group) throw new DomainRuleException("Cette liste de contrôle n'est pas celle des séances de groupe.");
        if (template.DepartmentId != DepartmentId) throw new DomainRuleException("La liste de contrôle n'est pas celle du département de la séance.");
        if (template.IsDraft) throw new DomainRuleException("Seule une version publiée de la liste de contrôle peut servir à une séance.");
        ChecklistTemplateId = template.Id;
        _checklist.Clear();
        _checklist.AddRange(template.Items.Select(i => new GroupChecklistItem(DepartmentId, Id, i.Phase, i.Order, i.Text, i.Required, i.HelpText)));
    }

    /// <summary>Ticks or unticks an item of the session's own checklist.</summary>
    public GroupChecklistItem Tick(Guid itemId, bool done, Guid by, DateTimeOffset now)
    {
        if (!ChecklistOpen(Status)) throw new DomainRuleException("La séance est annulée : sa liste de contrôle ne se coche plus.");
        var item = _checklist.SingleOrDefault(i => i.Id == itemId) ?? throw new DomainRuleException("Cet élément n'appartient pas à la séance.");
        item.Set(done, by, now);
        return item;
    }

    /// <summary>
    /// Adds a person. A worker who may follow the person registers them at once (their consents checked); anybody
    /// else only proposes them, and the person's referent confirms (<see cref="Confirm"/>). Past the capacity, the
    /// person goes on the waiting list, in order.
    /// </summary>
    public SeatChange Enrol(PersonStanding person, bool byTheirReferent, IEnumerable<ConsentRecord> history, Guid by, DateTimeOffset now)
    {
        EnsureOpenForChanges(now);
        EnsureMayTakePart(person);
        var personId = person.Id;
        if (_participants.Any(p => p.PersonId == personId && p.IsActive))
            throw new DomainRuleException("Cette personne est déjà inscrite, proposée ou en liste d'attente pour cette séance.");
        var participant = new GroupParticipant(DepartmentId, Id, personId, NextPosition(), by, now);
        if (byTheirReferent)
        {
            EnsureMayJoin(history, now);
            Seat(participant, now);
        }
        _participants.Add(participant);
        SeatsVersion++;
        return new SeatChange(participant, participant.Status, null);
    }

    /// <summary>The referent confirms a proposal, after checking the person's consents: a seat, or the waiting list.</summary>
    public SeatChange Confirm(Guid participantId, PersonStanding person, IEnumerable<ConsentRecord> history, Guid by, DateTimeOffset now)
    {
        EnsureOpenForChanges(now);
        var participant = Participant(participantId);
        if (participant.PersonId != person.Id) throw new DomainRuleException("Cette proposition concerne une autre personne.");
        if (participant.Status != ParticipantStatus.Proposed) throw new DomainRuleException("Cette proposition a déjà reçu une réponse.");
        EnsureMayTakePart(person);
        EnsureMayJoin(history, now);
        participant.Decide(by, now);
        Seat(participant, now);
        SeatsVersion++;
        return new SeatChange(participant, participant.Status, null);
    }

    public SeatChange Decline(Guid participantId, Guid by, DateTimeOffset now)
    {
        var participant = Participant(participantId);
        if (participant.Status != ParticipantStatus.Proposed) throw new DomainRuleException("Cette proposition a déjà reçu une réponse.");
        participant.Leave(ParticipantStatus.Declined, by, now);
        SeatsVersion++;
        return new SeatChange(participant, participant.Status, null);
    }

    /// <summary>A participant leaves the session; a freed seat goes to the first person on the waiting list.</summary>
    public SeatChange Withdraw(Guid participantId, Guid by, DateTimeOffset now)
    {
        EnsureOpenForChanges(now);
        var participant = Participant(participantId);
        if (!participant.IsActive) throw new DomainRuleException("Cette personne ne participe déjà plus à la séance.");
        var hadSeat = participant.Status == ParticipantStatus.Registered;
        participant.Leave(ParticipantStatus.Withdrawn, by, now);
        GroupParticipant? promoted = null;
        if (hadSeat)
        {
            SeatsTaken--;
            if (WaitingList.FirstOrDefault() is { } next)
            {
                next.Promote(now);
                SeatsTaken++;
                promoted = next;
            }
        }
        SeatsVersion++;
        return new SeatChange(participant, participant.Status, promoted);
    }

    /// <summary>A registered participant agreed to help the others with the technical side (one at a time).</summary>
    public void NameParticipantTechnicalHelper(Guid? participantId)
    {
        if (!RolesOpen(Status)) throw new DomainRuleException("Les rôles de la séance se nomment avant elle : elle a eu lieu ou elle est annulée.");
        foreach (var p in _participants) p.IsTechnicalHelper = false;
        if (participantId is null) return;
        var participant = Participant(participantId.Value);
        if (participant.Status != ParticipantStatus.Registered)
            throw new DomainRuleException("Seul un participant inscrit peut aider à la technique, et seulement s'il l'a accepté.");
        participant.IsTechnicalHelper = true;
    }

    /// <summary>
    /// The attendance sheet: every registered participant's attendance, once the session has started. Recording it
    /// marks the session held. Returns the participants whose attendance was set or changed (each gets a journal line).
    /// </summary>
    public IReadOnlyList<GroupParticipant> RecordAttendance(IReadOnlyDictionary<Guid, Attendance> sheet, Guid by, DateTimeOffset now)
    {
        if (Status == GroupSessionStatus.Cancelled) throw new DomainRuleException("La séance est annulée : il n'y a pas de présences à noter.");
        if (!AttendanceOpen(Status, ScheduledAt, now)) throw new DomainRuleException("Les présences se notent une fois la séance commencée.");
        var registered = Registered.ToList();
        if (registered.Count == 0) throw new DomainRuleException("Personne n'est inscrit à cette séance.");
        var missing = registered.Where(p => !sheet.ContainsKey(p.Id)).ToList();
        if (missing.Count > 0) throw new DomainRuleException("Indiquez la présence de chaque participant inscrit.");
        if (sheet.Keys.Any(k => registered.All(p => p.Id != k))) throw new DomainRuleException("La feuille de présence nomme une personne qui n'est pas inscrite.");
        var changed = new List<GroupParticipant>();
        foreach (var p in registered)
            if (p.MarkAttendance(sheet[p.Id], by, now)) changed.Add(p);
        if (Status == GroupSessionStatus.Planned)
        {
            Status = GroupSessionStatus.Held;
            HeldRecordedAt = now;
        }
        return changed;
    }

    /// <summary>The summary shared with the group: after the session, naming nobody (<see cref="GroupRules.CheckSharedText"/>).</summary>
    public void WriteSummary(string text, IEnumerable<string?> participantNames, DateTimeOffset now)
    {
        if (!SummaryOpen(Status)) throw new DomainRuleException("Le compte rendu s'écrit après la séance, une fois les présences notées.");
        var clean = text.Trim();
        if (clean.Length == 0) throw new DomainRuleException("Écrivez le compte rendu partagé.");
        if (clean.Length > GroupRules.SummaryMaxLength) throw new DomainRuleException($"Le compte rendu ne peut pas dépasser {GroupRules.SummaryMaxLength} caractères.");
        if (GroupRules.CheckSharedText(clean, participantNames) is { Allowed: false } shared) throw new DomainRuleException(shared.Reason!);
        Summary = clean;
        SummaryAt = now;
    }

    /// <summary>Cancels a planned session; every participant is told (the caller plans the messages).</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        EnsurePlanned();
        var clean = reason.Trim();
        if (clean.Length == 0) throw new DomainRuleException("Indiquez pourquoi la séance est annulée.");
        Status = GroupSessionStatus.Cancelled;
        CancelReason = clean.Length > GroupRules.ReasonMaxLength ? clean[..GroupRules.ReasonMaxLength] : clean;
        CancelledAt = now;
    }

    /// <summary>The persons to carry into the next session: those who were registered here (present or not).</summary>
    public IReadOnlyList<Guid> GroupForNextSession() =>
        _participants.Where(p => p.Status == ParticipantStatus.Registered).OrderBy(p => p.Position).Select(p => p.PersonId).ToList();

    private void Seat(GroupParticipant participant, DateTimeOffset now)
    {
        if (SeatsTaken < Capacity)
        {
            participant.Promote(now);
            SeatsTaken++;
        }
        else participant.Wait();
    }

    private static void EnsureMayJoin(IEnumerable<ConsentRecord> history, Modality modality, DateTimeOffset now)
    {
        if (GroupRules.MayJoin(history, modality, now) is { Allowed: false } refused) throw new DomainRuleException(refused.Reason!);
    }

    private void EnsureMayJoin(IEnumerable<ConsentRecord> history, DateTimeOffset now) => EnsureMayJoin(history, Modality, now);

    private int NextPosition() => _participants.Select(p => p.Position).DefaultIfEmpty(0).Max() + 1;

    private GroupParticipant Participant(Guid id) =>
        _participants.SingleOrDefault(p => p.Id == id) ?? throw new DomainRuleException("Cette personne ne figure pas parmi les participants de la séance.");

    private void EnsurePlanned()
    {
        if (Status == GroupSessionStatus.Cancelled) throw new DomainRuleException("La séance est annulée.");
        if (Status == GroupSessionStatus.Held) throw new DomainRuleException("La séance a eu lieu : ses inscriptions ne changent plus.");
    }

    private void EnsureOpenForChanges(DateTimeOffset now)
    {
        EnsurePlanned();
        if (!RegistrationOpen(Status, ScheduledAt, now)) throw new DomainRuleException("La séance a commencé : les inscriptions sont closes.");
    }

    private static void EnsureMayTakePart(PersonStanding person)
    {
        if (GroupRules.MayTakePart(person) is { Allowed: false } refused) throw new DomainRuleException(refused.Reason!);
    }

    /// <summary>The session's roles (note-taker, technical help) are named while it is planned, and asked for only then.</summary>
    public static bool RolesOpen(GroupSessionStatus status) => status == GroupSessionStatus.Planned;

    /// <summary>The session's own checklist is ticked until the session is cancelled (before, during and after it).</summary>
    public static bool ChecklistOpen(GroupSessionStatus status) => status != GroupSessionStatus.Cancelled;

    /// <summary>The shared summary and the follow-ups are written once the attendance has made the session held.</summary>
    public static bool SummaryOpen(GroupSessionStatus status) => status == GroupSessionStatus.Held;

    /// <summary>Only a planned session is cancelled (<see cref="Cancel"/>).</summary>
    public static bool MayCancel(GroupSessionStatus status) => status == GroupSessionStatus.Planned;

    /// <summary>The next session with the same group is planned from a session that took place or is still planned.</summary>
    public static bool MayPlanNextFrom(GroupSessionStatus status) => status != GroupSessionStatus.Cancelled;

    /// <summary>Persons join or leave a session while it is planned and has not started.</summary>
    public static bool RegistrationOpen(GroupSessionStatus status, DateTimeOffset scheduledAt, DateTimeOffset now) =>
        status == GroupSessionStatus.Planned && now < scheduledAt;

    /// <summary>The attendance sheet opens once the session has started, unless it was cancelled.</summary>
    public static bool AttendanceOpen(GroupSessionStatus status, DateTimeOffset scheduledAt, DateTimeOffset now) =>
        status != GroupSessionStatus.Cancelled && now >= scheduledAt;

    /// <summary>
    /// « À venir » in the department's list: planned and not over yet (a session may run up to the longest duration
    /// after its start); everything else is « récente ».
    /// </summary>
    public static bool IsUpcoming(GroupSessionStatus status, DateTimeOffset scheduledAt, DateTimeOffset now) =>
        status == GroupSessionStatus.Planned && scheduledAt.AddMinutes(GroupRules.MaxDurationMinutes) >= now;
}

/// <summary>A person's place in a session. Only the session changes it.</summary>
public sealed class GroupParticipant : IDepartmentScoped
{
    private GroupParticipant() { } // EF Core

    internal GroupParticipant(int departmentId, Guid sessionId, Guid personId, int position, Guid addedBy, DateTimeOffset now)
    {
        DepartmentId = departmentId;
        SessionId = sessionId;
        PersonId = personId;
        Position = position;
        AddedById = addedBy;
        AddedAt = now;
        Status = ParticipantStatus.Proposed;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid PersonId { get; private set; }
    public ParticipantStatus Status { get; private set; }
    /// <summary>Order of arrival: the waiting list is served in this order.</summary>
    public int Position { get; private set; }
    public Guid AddedById { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    /// <summary>When the person got their seat.</summary>
    public DateTimeOffset? SeatedAt { get; private set; }
    public Guid? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset? LeftAt { get; private set; }
    public Guid? LeftById { get; private set; }
    public Attendance? Attendance { get; private set; }
    public DateTimeOffset? AttendanceAt { get; private set; }
    public Guid? AttendanceById { get; private set; }
    public bool IsTechnicalHelper { get; internal set; }

    /// <summary>Holds or waits for a place (proposed, registered or on the waiting list).</summary>
    public bool IsActive => HoldsOrWaits(Status);

    /// <summary>Whether a participant in this state holds or waits for a place: such a person cannot be added again.</summary>
    public static bool HoldsOrWaits(ParticipantStatus status) =>
        status is ParticipantStatus.Proposed or ParticipantStatus.Registered or ParticipantStatus.Waiting;

    internal void Promote(DateTimeOffset now)
    {
        Status = ParticipantStatus.Registered;
        SeatedAt = now;
    }

    internal void Wait() => Status = ParticipantStatus.Waiting;

    internal void Decide(Guid by, DateTimeOffset now)
    {
        DecidedById = by;
        DecidedAt = now;
    }

    internal void Leave(ParticipantStatus status, Guid by, DateTimeOffset now)
    {
        Status = status;
        LeftAt = now;
        LeftById = by;
        IsTechnicalHelper = false;
    }

    /// <returns>True when the attendance changed.</returns>
    internal bool MarkAttendance(Attendance attendance, Guid by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(attendance)) throw new DomainRuleException("Choisissez présent, absent, excusé ou parti avant la fin.");
        if (Attendance == attendance) return false;
        Attendance = attendance;
        AttendanceAt = now;
        AttendanceById = by;
        return true;
    }
}

/// <summary>An item copied into a session when it is planned: later template edits do not change it.</summary>
public sealed class GroupChecklistItem : IDepartmentScoped
{
    private GroupChecklistItem() { } // EF Core

    internal GroupChecklistItem(int departmentId, Guid sessionId, ChecklistPhase phase, int order, string text, bool required, string? helpText)
    {
        DepartmentId = departmentId;
        SessionId = sessionId;
        Phase = phase;
        Order = order;
        Text = text;
        Required = required;
        HelpText = helpText;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Guid SessionId { get; private set; }
    public ChecklistPhase Phase { get; private set; }
    public int Order { get; private set; }
    public string Text { get; private set; } = "";
    public bool Required { get; private set; }
    public string? HelpText { get; private set; }
    public DateTimeOffset? CheckedAt { get; private set; }
    public Guid? CheckedById { get; private set; }

    public bool IsChecked => CheckedAt is not null;

    internal void Set(bool done, Guid by, DateTimeOffset now)
    {
        CheckedAt = done ? now : null;
        CheckedById = done ? by : null;
    }
}
