using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Interviews;

public sealed class Interview : IDepartmentScoped
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
    public bool IsOpen => Status is InterviewStatus.Planned or InterviewStatus.InProgress;

    /// <summary>Copies the published template's items: the interview keeps this version whatever happens to the template.</summary>
    public void TakeChecklist(ChecklistTemplate template)
    {
        if (template.Modality != Modality) throw new DomainRuleException("La liste de contrôle ne correspond pas à la modalité de l'entretien.");
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
        if (Status is InterviewStatus.Cancelled or InterviewStatus.NoShow)
            throw new DomainRuleException("Cet entretien est clos : sa liste de contrôle ne se modifie plus.");
        var item = Checklist.SingleOrDefault(i => i.Id == itemId)
            ?? throw new DomainRuleException("Cet élément n'appartient pas à la liste de cet entretien.");
        if (done && item.CheckedAt is null) { item.CheckedAt = at; item.CheckedById = by; }
        if (!done) { item.CheckedAt = null; item.CheckedById = null; }
    }

    public IEnumerable<InterviewChecklistItem> MissingRequired(params ChecklistPhase[] phases) =>
        Checklist.Where(i => i.Required && !i.IsChecked && phases.Contains(i.Phase)).OrderBy(i => i.Phase).ThenBy(i => i.Order);

    public void Start(DateTimeOffset at)
    {
        if (Status != InterviewStatus.Planned) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas commencer.");
        Status = InterviewStatus.InProgress;
        StartedAt = at;
    }

    public void SwitchToFallback(Modality to, string reason, DateTimeOffset at)
    {
        if (Status != InterviewStatus.InProgress) throw new DomainRuleException("Le plan B se déclenche pendant l'entretien : commencez-le d'abord.");
        var from = FallbackSwitches.Count > 0 ? FallbackSwitches[^1].To : Modality;
        if (from == to) throw new DomainRuleException("L'entretien utilise déjà cette modalité.");
        FallbackSwitches.Add(new FallbackSwitch { DepartmentId = DepartmentId, InterviewId = Id, From = from, To = to, Reason = reason, At = at });
    }

    public Modality CurrentModality => FallbackSwitches.Count > 0 ? FallbackSwitches.MaxBy(s => s.At)!.To : Modality;

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

    public void MarkNoShow(string? comment, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainRuleException($"Un entretien « {Status.French()} » ne peut pas être marqué absent.");
        if (at < ScheduledAt) throw new DomainRuleException("L'heure de l'entretien n'est pas encore passée.");
        Status = InterviewStatus.NoShow;
        StatusComment = comment;
        EndedAt = at;
    }
}

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
    public string What { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    public bool IsOverdue(DateOnly today) => DoneAt is null && DueOn < today;
}
