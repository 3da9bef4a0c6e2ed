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

/// <summary>
/// The warnings the worker saw about a slot. The confirmation sent back names them (<see cref="Key"/>): a slot changed
/// after confirming is checked again.
/// </summary>
public sealed record SlotCheck(IReadOnlyList<SlotWarning> Warnings)
{
    public string Key => string.Join(",", Warnings.Select(w => w.ToString()));
    public bool NeedsConfirmation(string? confirmed) => Warnings.Count > 0 && !string.Equals(confirmed, Key, StringComparison.Ordinal);
}

/// <summary>
/// What the worker decides about the appointment that follows an interview (the next one, fixed when completing, or
/// the new date of a postponement). Everything not given here is carried over from the interview by
/// <see cref="Interview.FollowingPlan"/>.
/// </summary>
public sealed record FollowingAppointment
{
    public required DateTimeOffset ScheduledAt { get; init; }
    public Modality? Modality { get; init; }
    public int? DurationMinutes { get; init; }
    public string? Objectives { get; init; }
    public Guid? VideoToolId { get; init; }
    /// <summary>A postponement keeps the participants the person agreed to; a next appointment starts without them.</summary>
    public bool KeepParticipants { get; init; }
}

/// <summary>The plan of the following appointment, and what could not be carried over (said to the worker).</summary>
public sealed record FollowingPlan(InterviewPlan Plan, bool SmsReminderDropped, bool FallbackDropped);

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

    /// <summary>The one wording of the duration rule, for the domain, the validators and the forms.</summary>
    public const string DurationRule = "La durée annoncée va de 5 minutes à 3 heures.";

    /// <summary>
    /// Schedules an interview, enforcing every consent the guides require: the modality, each participant's presence,
    /// the plan B modality (a plan B that cannot be used is no plan) and the SMS reminder. Takes a snapshot of the
    /// checklist template when there is one. The only way an interview comes to exist; the demo seeding schedules its
    /// past interviews through it too, with the time they were scheduled at as <paramref name="now"/>.
    /// </summary>
    public static Interview Schedule(AccompaniedPerson person, Guid workerId, InterviewPlan plan, IEnumerable<ConsentRecord> consents,
        ChecklistTemplate? template, DateTimeOffset now)
    {
        var history = consents as IReadOnlyCollection<ConsentRecord> ?? consents.ToList();
        // Closed at that time: a history seeded in the past schedules before the closure it leads to.
        if (person.Status == PersonStatus.Closed && (person.ClosedAt is null || person.ClosedAt <= now))
            throw new DomainRuleException("Le suivi de cette personne est clos : rouvrez-le avant de planifier un entretien.");
        if (!ModalityText.InterviewModalities.Contains(plan.Modality))
            throw new DomainRuleException("Un entretien se fait par téléphone, par audioconférence ou par visioconférence.");
        if (plan.DurationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
            throw new DomainRuleException(DurationRule);
        if (plan.ScheduledAt <= now) throw new DomainRuleException("La date et l'heure de l'entretien sont déjà passées.");
        var refusals = ConsentRefusals(plan.Modality, plan.FallbackModality, plan.SendSmsReminder, plan.Participants, history, now);
        if (refusals.Count > 0) throw new DomainRuleException(refusals[0]);
        if (plan.Modality == Modality.Video && plan.VideoToolId is null)
            throw new DomainRuleException("Choisissez l'outil de visioconférence parmi ceux que le département a validés.");

        if (plan.FallbackModality is { } fallback)
        {
            if (!ModalityText.FallbackModalities.Contains(fallback))
                throw new DomainRuleException("Le plan B passe à l'audioconférence ou au téléphone.");
            if (fallback == plan.Modality)
                throw new DomainRuleException("Le plan B doit utiliser une autre modalité que l'entretien lui-même.");
            if (string.IsNullOrWhiteSpace(plan.FallbackPhone))
                throw new DomainRuleException("Indiquez le numéro à appeler si la connexion échoue.");
        }

        if (plan.Participants.Count > MaxParticipants)
            throw new DomainRuleException("Un entretien accueille au plus 6 autres participants.");
        if (plan.Participants.Any(p => string.IsNullOrWhiteSpace(p.Name))) throw new DomainRuleException("Indiquez le nom de chaque participant.");

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
        interview._participants.AddRange(plan.Participants.Select(p => new InterviewParticipant(interview, p.Name.Trim(), p.Relation, p.PersonAgreed)));
        if (template is not null) interview.TakeChecklist(template);
        return interview;
    }

    /// <summary>
    /// Every consent a plan lacks, in the order of the form: the modality, plan B, the SMS reminder, each participant.
    /// Works on a half-filled form too (a null modality is skipped), so the form shows a consent refusal together with
    /// the field errors instead of hiding it until they are fixed.
    /// </summary>
    public static IReadOnlyList<string> ConsentRefusals(Modality? modality, Modality? fallback, bool smsReminder,
        IEnumerable<ParticipantPlan> participants, IEnumerable<ConsentRecord> consents, DateTimeOffset now)
    {
        var history = consents as IReadOnlyCollection<ConsentRecord> ?? consents.ToList();
        var refusals = new List<string>();
        void Require(RuleResult result, string prefix)
        {
            if (result.Allowed) return;
            var reason = result.Reason ?? "";
            // After a prefix the policy's sentence continues the line: "Plan B : la personne n'a pas…".
            if (prefix.Length > 0 && reason.Length > 0) reason = char.ToLowerInvariant(reason[0]) + reason[1..];
            refusals.Add(prefix + reason);
        }
        if (modality is { } m && ModalityText.InterviewModalities.Contains(m)) Require(ConsentPolicy.MayContact(history, m, now), "");
        if (fallback is { } f && ModalityText.FallbackModalities.Contains(f) && f != modality)
            Require(ConsentPolicy.MayContact(history, f, now), "Plan B : ");
        if (smsReminder) Require(ConsentPolicy.MayContact(history, Modality.Sms, now), "Rappel par SMS impossible : ");
        foreach (var participant in participants.Where(p => !string.IsNullOrWhiteSpace(p.Name)))
            Require(ConsentPolicy.MayParticipate(participant.Name.Trim(), participant.PersonAgreed), "");
        return refusals;
    }

    /// <summary>
    /// The plan of the appointment that follows this interview (the next one, or the new date of a postponement).
    /// Plan B and the SMS reminder carry over only where they still hold (the person still agrees, and plan B differs
    /// from the new modality): they are never a reason to refuse the new date.
    /// </summary>
    public FollowingPlan FollowingPlan(FollowingAppointment next, IEnumerable<ConsentRecord> consents, DateTimeOffset now)
    {
        var history = consents as IReadOnlyCollection<ConsentRecord> ?? consents.ToList();
        var modality = next.Modality ?? Modality;
        var keepFallback = FallbackModality is { } fb && fb != modality && ConsentPolicy.MayContact(history, fb, now).Allowed;
        var keepSms = SendSmsReminder && ConsentPolicy.MayContact(history, Modality.Sms, now).Allowed;
        var plan = new InterviewPlan
        {
            Modality = modality,
            ScheduledAt = next.ScheduledAt,
            DurationMinutes = next.DurationMinutes ?? DurationMinutes,
            Objectives = string.IsNullOrWhiteSpace(next.Objectives) ? Objectives : next.Objectives.Trim(),
            VideoToolId = modality == Modality.Video ? next.VideoToolId ?? (Modality == Modality.Video ? VideoToolId : null) : null,
            FallbackModality = keepFallback ? FallbackModality : null,
            FallbackPhone = keepFallback ? FallbackPhone : null,
            SendSmsReminder = keepSms,
            Participants = next.KeepParticipants
                ? _participants.Select(p => new ParticipantPlan(p.Name, p.Relation, p.PersonAgreed)).ToList()
                : [],
        };
        return new FollowingPlan(plan, SendSmsReminder && !keepSms, FallbackModality is not null && !keepFallback);
    }

    /// <summary>What the worker should confirm about a slot (local time of the department), without refusing it.</summary>
    public static SlotCheck WarningsFor(AccompaniedPerson person, Department department, DateTime localStart, int durationMinutes) =>
        new(Warnings(person.IsWithinPreferredTimes(localStart, TimeSpan.FromMinutes(durationMinutes)),
            department.IsWorkingTime(localStart, TimeSpan.FromMinutes(durationMinutes)), person.FirstMeetingPending));

    private static List<SlotWarning> Warnings(bool withinPreferredTimes, bool workingTime, bool firstMeetingPending)
    {
        var warnings = new List<SlotWarning>();
        if (!withinPreferredTimes) warnings.Add(SlotWarning.OutsidePreferredTimes);
        if (!workingTime) warnings.Add(SlotWarning.OutsideWorkingHours);
        if (firstMeetingPending) warnings.Add(SlotWarning.NeverMetFaceToFace);
        return warnings;
    }
}
