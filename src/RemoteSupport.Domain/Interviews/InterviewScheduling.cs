using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Interviews;

/// <summary>What a worker asks for when scheduling an interview (times in UTC).</summary>
public sealed record InterviewPlan
{
    public required Modality Modality { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public int DurationMinutes { get; init; } = 45;
    public string Objectives { get; init; } = "";
    public Guid? VideoToolId { get; init; }
    public Modality? FallbackModality { get; init; }
    public string? FallbackPhone { get; init; }
    public bool SendSmsReminder { get; init; }
    public IReadOnlyList<ParticipantPlan> Participants { get; init; } = [];
}

public sealed record ParticipantPlan(string Name, ParticipantRelation Relation, bool PersonAgreed);

/// <summary>Something about a slot the worker should know before confirming it; never a refusal.</summary>
public enum SlotWarning { OutsidePreferredTimes, OutsideWorkingHours, NeverMetFaceToFace }

public static class SlotWarningText
{
    public static string French(this SlotWarning w) => w switch
    {
        SlotWarning.OutsidePreferredTimes => "Ce créneau ne correspond pas aux jours ou aux heures que la personne a dit préférer.",
        SlotWarning.OutsideWorkingHours => "Ce créneau sort des horaires de travail du service : le droit à la déconnexion vaut pour vous comme pour la personne.",
        SlotWarning.NeverMetFaceToFace => "Vous n'avez encore jamais rencontré cette personne en face à face : une première rencontre physique reste recommandée en début d'accompagnement.",
    };
}

public sealed partial class Interview
{
    public const int MinDurationMinutes = 5;
    public const int MaxDurationMinutes = 180;
    public const int MaxParticipants = 6;

    /// <summary>
    /// Schedules an interview, enforcing every consent the guides require: the modality, each participant's presence,
    /// the plan B modality (a plan B that cannot be used is no plan) and the SMS reminder. Takes a snapshot of the
    /// checklist template when there is one.
    /// </summary>
    public static Interview Schedule(AccompaniedPerson person, Guid workerId, InterviewPlan plan, IEnumerable<ConsentRecord> consents,
        ChecklistTemplate? template, DateTimeOffset now)
    {
        var history = consents as IReadOnlyCollection<ConsentRecord> ?? consents.ToList();
        if (person.Status == PersonStatus.Closed)
            throw new DomainRuleException("Le suivi de cette personne est clos : rouvrez-le avant de planifier un entretien.");
        if (!ModalityText.InterviewModalities.Contains(plan.Modality))
            throw new DomainRuleException("Un entretien se fait par téléphone, par audioconférence ou par visioconférence.");
        if (plan.DurationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
            throw new DomainRuleException("La durée annoncée va de 5 minutes à 3 heures.");
        if (plan.ScheduledAt <= now) throw new DomainRuleException("La date et l'heure de l'entretien sont déjà passées.");

        Require(ConsentPolicy.MayContact(history, plan.Modality, now), "");
        if (plan.Modality == Modality.Video && plan.VideoToolId is null)
            throw new DomainRuleException("Choisissez l'outil de visioconférence parmi ceux que le département a validés.");

        if (plan.FallbackModality is { } fallback)
        {
            if (!ModalityText.FallbackModalities.Contains(fallback))
                throw new DomainRuleException("Le plan B passe à l'audioconférence ou au téléphone.");
            if (fallback == plan.Modality)
                throw new DomainRuleException("Le plan B doit utiliser une autre modalité que l'entretien lui-même.");
            Require(ConsentPolicy.MayContact(history, fallback, now), "Plan B : ");
            if (string.IsNullOrWhiteSpace(plan.FallbackPhone))
                throw new DomainRuleException("Indiquez le numéro à appeler si la connexion échoue.");
        }

        if (plan.SendSmsReminder) Require(ConsentPolicy.MayContact(history, Modality.Sms, now), "Rappel par SMS impossible : ");

        if (plan.Participants.Count > MaxParticipants)
            throw new DomainRuleException("Un entretien accueille au plus 6 autres participants.");
        foreach (var participant in plan.Participants)
        {
            if (string.IsNullOrWhiteSpace(participant.Name)) throw new DomainRuleException("Indiquez le nom de chaque participant.");
            Require(ConsentPolicy.MayParticipate(participant.Name.Trim(), participant.PersonAgreed), "");
        }

        var interview = new Interview
        {
            DepartmentId = person.DepartmentId,
            PersonId = person.Id,
            WorkerId = workerId,
            Modality = plan.Modality,
            ScheduledAt = plan.ScheduledAt,
            DurationMinutes = plan.DurationMinutes,
            Objectives = plan.Objectives.Trim(),
            VideoToolId = plan.Modality == Modality.Video ? plan.VideoToolId : null,
            FallbackModality = plan.FallbackModality,
            FallbackPhone = plan.FallbackModality is null ? null : plan.FallbackPhone?.Trim(),
            SendSmsReminder = plan.SendSmsReminder,
            CreatedAt = now,
        };
        interview.Participants = plan.Participants.Select(p => new InterviewParticipant
        {
            DepartmentId = interview.DepartmentId,
            InterviewId = interview.Id,
            Name = p.Name.Trim(),
            Relation = p.Relation,
            PersonAgreed = p.PersonAgreed,
        }).ToList();
        if (template is not null) interview.TakeChecklist(template);
        return interview;
    }

    /// <summary>What the worker should confirm about a slot (local time of the department), without refusing it.</summary>
    public static IReadOnlyList<SlotWarning> WarningsFor(AccompaniedPerson person, Department department, DateTime localStart, int durationMinutes)
    {
        var duration = TimeSpan.FromMinutes(durationMinutes);
        var warnings = new List<SlotWarning>();
        if (!person.IsWithinPreferredTimes(localStart, duration)) warnings.Add(SlotWarning.OutsidePreferredTimes);
        if (!department.IsWorkingTime(localStart, duration)) warnings.Add(SlotWarning.OutsideWorkingHours);
        if (person.FirstMeetingPending) warnings.Add(SlotWarning.NeverMetFaceToFace);
        return warnings;
    }

    private static void Require(RuleResult result, string prefix)
    {
        if (result.Allowed) return;
        var reason = result.Reason ?? "";
        // After a prefix the policy's sentence continues the line: "Plan B : la personne n'a pas…".
        if (prefix.Length > 0 && reason.Length > 0) reason = char.ToLowerInvariant(reason[0]) + reason[1..];
        throw new DomainRuleException(prefix + reason);
    }
}
