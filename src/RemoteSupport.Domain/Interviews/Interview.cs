using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Domain.Interviews;

public sealed partial class Interview : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Guid PersonId { get; set; }
    public Guid WorkerId { get; set; }
    public Modality Modality { get; set; }
    public DateTimeOffset ScheduledAt { get; set; }
    public int DurationMinutes { get; set; } = 45;
    public string Objectives { get; set; } = "";
    public Guid? VideoToolId { get; set; }
    public Modality? FallbackModality { get; set; }
    public string? FallbackPhone { get; set; }
    public bool SendSmsReminder { get; set; }
    public InterviewStatus Status { get; set; } = InterviewStatus.Planned;
    public Guid? ChecklistTemplateId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    // Outcome
    public string? Summary { get; set; }
    public string? PrivateNote { get; set; }
    public string? FaceToFaceTopics { get; set; }
    public bool FaceToFaceNeeded { get; set; }
    public FaceToFaceReason? FaceToFaceReason { get; set; }
    public string? IncompleteChecklistJustification { get; set; }
    public Guid? NextInterviewId { get; set; }

    // Postponed / cancelled
    public PostponeReason? PostponeReason { get; set; }
    public string? StatusComment { get; set; }
    public Guid? RescheduledToId { get; set; }

    public List<InterviewParticipant> Participants { get; set; } = [];
    public List<InterviewChecklistItem> Checklist { get; set; } = [];
    public List<FallbackSwitch> FallbackSwitches { get; set; } = [];

    public uint Version { get; set; }

    public DateTimeOffset EndsAt => ScheduledAt.AddMinutes(DurationMinutes);
    public bool IsOpen => Status.IsOpen();

    /// <summary>Copies the published template's items: the interview keeps this version whatever happens to the template.</summary>
    public void TakeChecklist(ChecklistTemplate template)
    {
        if (template.Modality != Modality) throw new DomainRuleException("La liste de contrôle ne correspond pas à la modalité de l'entretien.");
        if (template.DepartmentId != DepartmentId) throw new DomainRuleException("La liste de contrôle n'est pas celle du département de l'entretien.");
        if (template.IsDraft) throw new DomainRuleException("Seule une version publiée de la liste de contrôle peut servir à un entretien.");
        ChecklistTemplateId = template.Id;
        Checklist = template.Items.Select(i => new InterviewChecklistItem
        {
            DepartmentId = DepartmentId,
            InterviewId = Id,
            Phase = i.Phase,
            Order = i.Order,
            Text = i.Text,
            Required = i.Required,
            HelpText = i.HelpText,
        }).ToList();
    }

    public void Tick(Guid itemId, bool done, Guid by, DateTimeOffset at)
    {
        // A postponed interview hands over to its new date, which has its own checklist.
        if (Status is InterviewStatus.Cancelled or InterviewStatus.NoShow or InterviewStatus.Postponed)
            throw new DomainRuleException("Cet entretien est clos : sa liste de contrôle ne se modifie plus.");
        var item = Checklist.SingleOrDefault(i => i.Id == itemId)
            ?? throw new DomainRuleException("Cet élément n'appartient pas à la liste de cet entretien.");
        if (done && item.CheckedAt is null) { item.CheckedAt = at; item.CheckedById = by; }
        if (!done) { item.CheckedAt = null; item.CheckedById = null; }
    }

    public IEnumerable<InterviewChecklistItem> MissingRequired(params ChecklistPhase[] phases) =>
        Checklist.Where(i => i.Required && !i.IsChecked && phases.Contains(i.Phase)).OrderBy(i => i.Phase).ThenBy(i => i.Order);

    /// <summary>Starts the interview if the person still agrees to its modality: a withdrawal takes effect at once.</summary>
    public void Start(DateTimeOffset at, IEnumerable<ConsentRecord> consents)
    {
        if (Status != InterviewStatus.Planned) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas commencer.");
        var consent = ConsentPolicy.MayContact(consents, Modality, at);
        if (!consent.Allowed) throw new DomainRuleException($"L'entretien ne peut pas commencer. {consent.Reason}");
        Start(at);
    }

    public void Start(DateTimeOffset at)
    {
        if (Status != InterviewStatus.Planned) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas commencer.");
        Status = InterviewStatus.InProgress;
        StartedAt = at;
    }

    /// <summary>Records the switch to plan B, after checking the person agrees to the modality switched to.</summary>
    public void SwitchToFallback(Modality to, string reason, DateTimeOffset at, IEnumerable<ConsentRecord> consents)
    {
        var consent = ConsentPolicy.MayContact(consents, to, at);
        if (!consent.Allowed) throw new DomainRuleException($"Le passage au plan B n'est pas possible. {consent.Reason}");
        SwitchToFallback(to, reason, at);
    }

    public void SwitchToFallback(Modality to, string reason, DateTimeOffset at)
    {
        if (Status != InterviewStatus.InProgress) throw new DomainRuleException("Le plan B se déclenche pendant l'entretien : commencez-le d'abord.");
        // Plan B is the fallback when a connection fails: audio conference or phone, never back to video.
        if (!ModalityText.FallbackModalities.Contains(to))
            throw new DomainRuleException("Le plan B passe à l'audioconférence ou au téléphone.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Indiquez pourquoi l'entretien passe au plan B.");
        var from = CurrentModality;
        if (from == to) throw new DomainRuleException("L'entretien utilise déjà cette modalité.");
        FallbackSwitches.Add(new FallbackSwitch { DepartmentId = DepartmentId, InterviewId = Id, From = from, To = to, Reason = reason, At = at });
    }

    public Modality CurrentModality => FallbackSwitches.Count > 0
        ? FallbackSwitches.OrderBy(s => s.At).ThenBy(s => s.Id).Last().To
        : Modality;

    /// <summary>Records the outcome. The private note belongs to the interview's worker and is shown to nobody else.</summary>
    public void Complete(InterviewOutcome outcome, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(outcome.Summary)) throw new DomainRuleException("Rédigez le compte rendu de l'entretien.");
        if (outcome.FaceToFaceNeeded && outcome.FaceToFaceReason is null)
            throw new DomainRuleException("Indiquez pourquoi une rencontre physique est nécessaire.");
        Complete(outcome.Summary, outcome.IncompleteChecklistJustification, at);
        PrivateNote = Blank(outcome.PrivateNote);
        FaceToFaceTopics = Blank(outcome.FaceToFaceTopics);
        FaceToFaceNeeded = outcome.FaceToFaceNeeded;
        FaceToFaceReason = outcome.FaceToFaceNeeded ? outcome.FaceToFaceReason : null;
    }

    public void Complete(string summary, string? justification, DateTimeOffset at)
    {
        if (Status == InterviewStatus.Completed) throw new DomainRuleException("Cet entretien est déjà réalisé.");
        if (Status != InterviewStatus.InProgress && Status != InterviewStatus.Planned)
            throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas être réalisé.");
        if (MissingRequired(ChecklistPhase.Before, ChecklistPhase.During).Any() && string.IsNullOrWhiteSpace(justification))
            throw new DomainRuleException("Des éléments obligatoires « Avant » ou « Pendant » ne sont pas cochés : cochez-les ou expliquez pourquoi.");
        Status = InterviewStatus.Completed;
        StartedAt ??= at;
        EndedAt = at;
        Summary = summary;
        IncompleteChecklistJustification = string.IsNullOrWhiteSpace(justification) ? null : justification;
    }

    public void Postpone(PostponeReason reason, string? comment, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas être reporté.");
        if (reason == Interviews.PostponeReason.Other && string.IsNullOrWhiteSpace(comment))
            throw new DomainRuleException("Précisez la raison du report.");
        Status = InterviewStatus.Postponed;
        PostponeReason = reason;
        StatusComment = comment;
        EndedAt = at;
    }

    public void Cancel(string? comment, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas être annulé.");
        Status = InterviewStatus.Cancelled;
        StatusComment = comment;
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
        if (at < ScheduledAt) throw new DomainRuleException("L'heure de l'entretien n'est pas encore passée.");
        Status = InterviewStatus.NoShow;
        StatusComment = comment;
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

public sealed class InterviewParticipant : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Guid InterviewId { get; set; }
    public string Name { get; set; } = "";
    public ParticipantRelation Relation { get; set; }
    public bool PersonAgreed { get; set; }
}

public sealed class FallbackSwitch : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Guid InterviewId { get; set; }
    public Modality From { get; set; }
    public Modality To { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>"Qui fait quoi": a follow-up action decided in an interview.</summary>
public sealed class FollowUpAction : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? InterviewId { get; set; }
    public string Who { get; set; } = "";
    /// <summary>The directory resource that does it (issue 17: an orientation), when « qui » is a partner of the directory.</summary>
    public Guid? ResourceId { get; set; }
    public string What { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    public bool IsOverdue(DateOnly today) => DoneAt is null && DueOn < today;
}
