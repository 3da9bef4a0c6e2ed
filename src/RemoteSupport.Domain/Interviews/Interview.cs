using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Domain.Interviews;

/// <summary>
/// A remote interview and its lifecycle (ADR-0005, ADR-0013). Every state a rule governs is set by a method of this
/// class: an interview is created by <see cref="Schedule"/> only, and starts, switches to plan B and completes only
/// through the consent rule.
/// </summary>
public sealed partial class Interview : IDepartmentScoped
{
    private readonly List<InterviewParticipant> _participants = [];
    private readonly List<InterviewChecklistItem> _checklist = [];
    private readonly List<FallbackSwitch> _fallbackSwitches = [];

    /// <summary>For EF Core: an interview of the application comes from <see cref="Schedule"/>.</summary>
    private Interview() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid WorkerId { get; private set; }
    public Modality Modality { get; private set; }
    public DateTimeOffset ScheduledAt { get; private set; }
    public int DurationMinutes { get; private set; } = 45;
    public string Objectives { get; private set; } = "";
    public Guid? VideoToolId { get; private set; }
    public Modality? FallbackModality { get; private set; }
    public string? FallbackPhone { get; private set; }
    public bool SendSmsReminder { get; private set; }
    public InterviewStatus Status { get; private set; } = InterviewStatus.Planned;
    public Guid? ChecklistTemplateId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    // Outcome
    public string? Summary { get; private set; }
    public string? PrivateNote { get; private set; }
    public string? FaceToFaceTopics { get; private set; }
    public bool FaceToFaceNeeded { get; private set; }
    public FaceToFaceReason? FaceToFaceReason { get; private set; }
    public string? IncompleteChecklistJustification { get; private set; }
    public Guid? NextInterviewId { get; private set; }

    // Postponed / cancelled
    public PostponeReason? PostponeReason { get; private set; }
    public string? StatusComment { get; private set; }
    public Guid? RescheduledToId { get; private set; }

    public IReadOnlyList<InterviewParticipant> Participants => _participants;
    public IReadOnlyList<InterviewChecklistItem> Checklist => _checklist;
    public IReadOnlyList<FallbackSwitch> FallbackSwitches => _fallbackSwitches;

    /// <summary>PostgreSQL xmin, for optimistic concurrency (set by the database).</summary>
    public uint Version { get; private set; }

    public DateTimeOffset EndsAt => ScheduledAt.AddMinutes(DurationMinutes);
    public bool IsOpen => Status.IsOpen();

    public Modality CurrentModality => _fallbackSwitches.Count > 0
        ? _fallbackSwitches.OrderBy(s => s.At).ThenBy(s => s.Id).Last().To
        : Modality;

    /// <summary>Copies the published template's items: the interview keeps this version whatever happens to the template.</summary>
    public void TakeChecklist(ChecklistTemplate template)
    {
        if (template.Modality != Modality) throw new DomainRuleException("La liste de contrôle ne correspond pas à la modalité de l'entretien.");
        if (template.DepartmentId != DepartmentId) throw new DomainRuleException("La liste de contrôle n'est pas celle du département de l'entretien.");
        if (template.IsDraft) throw new DomainRuleException("Seule une version publiée de la liste de contrôle peut servir à un entretien.");
        ChecklistTemplateId = template.Id;
        _checklist.Clear();
        _checklist.AddRange(template.Items.Select(i => new InterviewChecklistItem
        {
            DepartmentId = DepartmentId,
            InterviewId = Id,
            Phase = i.Phase,
            Order = i.Order,
            Text = i.Text,
            Required = i.Required,
            HelpText = i.HelpText,
        }));
    }

    public void Tick(Guid itemId, bool done, Guid by, DateTimeOffset at)
    {
        // A postponed interview hands over to its new date, which has its own checklist.
        if (!Status.CanTick()) throw new DomainRuleException("Cet entretien est clos : sa liste de contrôle ne se modifie plus.");
        var item = _checklist.SingleOrDefault(i => i.Id == itemId)
            ?? throw new DomainRuleException("Cet élément n'appartient pas à la liste de cet entretien.");
        if (done && item.CheckedAt is null) { item.CheckedAt = at; item.CheckedById = by; }
        if (!done) { item.CheckedAt = null; item.CheckedById = null; }
    }

    public IEnumerable<InterviewChecklistItem> MissingRequired(params ChecklistPhase[] phases) =>
        _checklist.Where(i => i.Required && !i.IsChecked && phases.Contains(i.Phase)).OrderBy(i => i.Phase).ThenBy(i => i.Order);

    /// <summary>Starts the interview if the person still agrees to its modality: a withdrawal takes effect at once.</summary>
    public void Start(DateTimeOffset at, IEnumerable<ConsentRecord> consents)
    {
        if (Status != InterviewStatus.Planned) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas commencer.");
        var consent = ConsentPolicy.MayContact(consents, Modality, at);
        if (!consent.Allowed) throw new DomainRuleException($"L'entretien ne peut pas commencer. {consent.Reason}");
        Status = InterviewStatus.InProgress;
        StartedAt = at;
    }

    /// <summary>
    /// The modalities plan B may switch to now: audio conference or phone, not the one in use, and only those the
    /// person agrees to. The interview page and the plan B page offer exactly these.
    /// </summary>
    public static IReadOnlyList<Modality> FallbackChoices(Modality current, IEnumerable<ConsentRecord> consents, DateTimeOffset at)
    {
        var history = consents as IReadOnlyCollection<ConsentRecord> ?? consents.ToList();
        return ModalityText.FallbackModalities.Where(m => m != current && ConsentPolicy.MayContact(history, m, at).Allowed).ToList();
    }

    /// <summary>Records the switch to plan B, after checking the person agrees to the modality switched to.</summary>
    public void SwitchToFallback(Modality to, string reason, DateTimeOffset at, IEnumerable<ConsentRecord> consents)
    {
        if (Status != InterviewStatus.InProgress) throw new DomainRuleException("Le plan B se déclenche pendant l'entretien : commencez-le d'abord.");
        // Plan B is the fallback when a connection fails: audio conference or phone, never back to video.
        if (!ModalityText.FallbackModalities.Contains(to))
            throw new DomainRuleException("Le plan B passe à l'audioconférence ou au téléphone.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Indiquez pourquoi l'entretien passe au plan B.");
        var from = CurrentModality;
        if (from == to) throw new DomainRuleException("L'entretien utilise déjà cette modalité.");
        var consent = ConsentPolicy.MayContact(consents, to, at);
        if (!consent.Allowed) throw new DomainRuleException($"Le passage au plan B n'est pas possible. {consent.Reason}");
        _fallbackSwitches.Add(new FallbackSwitch(this, from, to, reason.Trim(), at));
    }

    /// <summary>
    /// Records the outcome. An interview never started is taken to have been held at its scheduled time: it cannot be
    /// recorded before that time (a date next week completed today would move the last contact without a word), and the
    /// person must have agreed to its modality then. The private note belongs to the interview's worker.
    /// </summary>
    public void Complete(InterviewOutcome outcome, DateTimeOffset at, IEnumerable<ConsentRecord> consents)
    {
        if (Status == InterviewStatus.Completed) throw new DomainRuleException("Cet entretien est déjà réalisé.");
        if (!IsOpen) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas être réalisé.");
        if (string.IsNullOrWhiteSpace(outcome.Summary)) throw new DomainRuleException("Rédigez le compte rendu de l'entretien.");
        if (outcome.FaceToFaceNeeded && outcome.FaceToFaceReason is null)
            throw new DomainRuleException("Indiquez pourquoi une rencontre physique est nécessaire.");
        if (Status == InterviewStatus.Planned)
        {
            if (at < ScheduledAt)
                throw new DomainRuleException("Cet entretien n'a pas encore eu lieu : son compte rendu se rédige à partir de l'heure prévue. Si la date a changé, reportez-le.");
            var consent = ConsentPolicy.MayContact(consents, Modality, ScheduledAt);
            if (!consent.Allowed) throw new DomainRuleException($"L'entretien ne peut pas être réalisé. {consent.Reason}");
        }
        var justification = Blank(outcome.IncompleteChecklistJustification);
        if (MissingRequired(ChecklistPhase.Before, ChecklistPhase.During).Any() && justification is null)
            throw new DomainRuleException("Des éléments obligatoires « Avant » ou « Pendant » ne sont pas cochés : cochez-les ou expliquez pourquoi.");
        Status = InterviewStatus.Completed;
        StartedAt ??= at;
        EndedAt = at;
        Summary = outcome.Summary.Trim();
        IncompleteChecklistJustification = justification;
        PrivateNote = Blank(outcome.PrivateNote);
        FaceToFaceTopics = Blank(outcome.FaceToFaceTopics);
        FaceToFaceNeeded = outcome.FaceToFaceNeeded;
        FaceToFaceReason = outcome.FaceToFaceNeeded ? outcome.FaceToFaceReason : null;
    }

    /// <summary>Postpones without a new date (the seeding of past history uses it; the page always gives a new date).</summary>
    public void Postpone(PostponeReason reason, string? comment, DateTimeOffset at)
    {
        EnsureCanPostpone();
        if (reason == Interviews.PostponeReason.Other && string.IsNullOrWhiteSpace(comment))
            throw new DomainRuleException("Précisez la raison du report.");
        Status = InterviewStatus.Postponed;
        PostponeReason = reason;
        StatusComment = Blank(comment);
        EndedAt = at;
    }

    /// <summary>An open interview may be postponed; checked before the new date is even scheduled.</summary>
    public void EnsureCanPostpone()
    {
        if (!IsOpen) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas être reporté.");
    }

    public void Cancel(string? comment, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas être annulé.");
        Status = InterviewStatus.Cancelled;
        StatusComment = Blank(comment);
        EndedAt = at;
    }

    /// <summary>Postpones to a new interview (scheduled with <see cref="Schedule"/>, so with a fresh checklist) and links the two.</summary>
    public void PostponeTo(Interview next, PostponeReason reason, string? comment, DateTimeOffset at)
    {
        if (next.PersonId != PersonId || next.Id == Id) throw new DomainRuleException("Le nouvel entretien doit concerner la même personne.");
        if (next.ScheduledAt <= at) throw new DomainRuleException("La nouvelle date doit être à venir.");
        Postpone(reason, comment, at);
        RescheduledToId = next.Id;
    }

    /// <summary>Links the next appointment decided at the end of this interview.</summary>
    public void PlanNext(Interview next)
    {
        if (Status != InterviewStatus.Completed) throw new DomainRuleException("Le prochain rendez-vous se fixe en réalisant l'entretien.");
        if (next.PersonId != PersonId || next.Id == Id) throw new DomainRuleException("Le prochain rendez-vous doit concerner la même personne.");
        if (next.ScheduledAt <= EndedAt) throw new DomainRuleException("Le prochain rendez-vous doit être à venir.");
        NextInterviewId = next.Id;
    }

    public void MarkNoShow(string? comment, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas être marqué absent.");
        if (!InterviewStatusRules.NoShowPossible(Status, ScheduledAt, at)) throw new DomainRuleException("L'heure de l'entretien n'est pas encore passée.");
        Status = InterviewStatus.NoShow;
        StatusComment = Blank(comment);
        EndedAt = at;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>What a worker records when an interview is done.</summary>
public sealed record InterviewOutcome(
    string Summary,
    string? PrivateNote = null,
    string? FaceToFaceTopics = null,
    bool FaceToFaceNeeded = false,
    FaceToFaceReason? FaceToFaceReason = null,
    string? IncompleteChecklistJustification = null);

/// <summary>Someone else present at an interview, with the person's agreement; created by <see cref="Interview.Schedule"/>.</summary>
public sealed class InterviewParticipant : IDepartmentScoped
{
    private InterviewParticipant() { }

    internal InterviewParticipant(Interview interview, string name, ParticipantRelation relation, bool personAgreed)
    {
        DepartmentId = interview.DepartmentId;
        InterviewId = interview.Id;
        Name = name;
        Relation = relation;
        PersonAgreed = personAgreed;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Guid InterviewId { get; private set; }
    public string Name { get; private set; } = "";
    public ParticipantRelation Relation { get; private set; }
    public bool PersonAgreed { get; private set; }
}

/// <summary>A switch to plan B during an interview; created by <see cref="Interview.SwitchToFallback"/> only.</summary>
public sealed class FallbackSwitch : IDepartmentScoped
{
    private FallbackSwitch() { }

    internal FallbackSwitch(Interview interview, Modality from, Modality to, string reason, DateTimeOffset at)
    {
        DepartmentId = interview.DepartmentId;
        InterviewId = interview.Id;
        From = from;
        To = to;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Guid InterviewId { get; private set; }
    public Modality From { get; private set; }
    public Modality To { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
