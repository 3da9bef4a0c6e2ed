using System.Text.RegularExpressions;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Domain.Groups;

/// <summary>One part of a session's timetable: a stretch of work or a break, from its start.</summary>
public sealed record SessionPart(int StartMinute, int Minutes, bool IsBreak);

/// <summary>
/// The guide's rules for group sessions: at most 1 h 30, never more than 45 minutes in a row, 4 to 6 persons for a
/// real exchange, the group agreement and the modality consent of each participant, a shared summary that names nobody.
/// </summary>
public static partial class GroupRules
{
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 90;
    /// <summary>Past this, attention drops: a break is planned.</summary>
    public const int MaxStretchMinutes = 45;
    public const int BreakMinutes = 10;
    /// <summary>Beyond six persons the exchange becomes a consultation (the guide): a warning, not a refusal.</summary>
    public const int RecommendedMaxParticipants = 6;
    public const int MinCapacity = 2;

    public const int ThemeMaxLength = 150;
    public const int AgendaMaxLength = 2000;
    public const int SpeakingRulesMaxLength = 1000;
    public const int JoinDetailsMaxLength = 500;
    public const int SummaryMaxLength = 4000;
    public const int ReasonMaxLength = 500;

    /// <summary>
    /// The timetable: up to 45 minutes, one stretch; beyond, two equal stretches around a 10-minute break, so no stretch
    /// passes 45 minutes (90 minutes = 40 + pause 10 + 40).
    /// </summary>
    public static IReadOnlyList<SessionPart> Outline(int durationMinutes)
    {
        if (durationMinutes <= MaxStretchMinutes) return [new SessionPart(0, durationMinutes, false)];
        var first = (durationMinutes - BreakMinutes) / 2;
        var second = durationMinutes - BreakMinutes - first;
        return [new SessionPart(0, first, false), new SessionPart(first, BreakMinutes, true), new SessionPart(first + BreakMinutes, second, false)];
    }

    public static RuleResult CheckDuration(int minutes) =>
        minutes is < MinDurationMinutes or > MaxDurationMinutes
            ? RuleResult.Refuse($"Une séance de groupe dure de {MinDurationMinutes} à {MaxDurationMinutes} minutes (1 h 30 au plus).")
            : RuleResult.Ok;

    /// <summary>The hard limit is the department's; above six the session is allowed, with the guide's warning.</summary>
    public static RuleResult CheckCapacity(int capacity, int departmentMax) =>
        capacity < MinCapacity
            ? RuleResult.Refuse($"Une séance de groupe réunit au moins {MinCapacity} personnes.")
            : capacity > departmentMax
                ? RuleResult.Refuse($"Le département limite les séances de groupe à {departmentMax} participants.")
                : RuleResult.Ok;

    public static string? CapacityWarning(int capacity) =>
        capacity > RecommendedMaxParticipants
            ? $"Au-delà de {RecommendedMaxParticipants} personnes, l'échange devient une consultation : le guide conseille des groupes de 4 à 6."
            : null;

    /// <summary>
    /// May this person join a group by this modality now? Both answers must be in force: the modality (video or audio
    /// conference) and the agreement to take part in a group, since the other participants will see or hear them.
    /// </summary>
    public static RuleResult MayJoin(IEnumerable<ConsentRecord> history, Modality modality, DateTimeOffset at)
    {
        var list = history as IReadOnlyCollection<ConsentRecord> ?? history.ToList();
        var modalityConsent = ConsentPolicy.MayContact(list, modality, at);
        if (!modalityConsent.Allowed) return modalityConsent;
        var group = ConsentPolicy.StateAt(list, Modality.Group, at);
        return group.Decision switch
        {
            ConsentDecision.Granted => RuleResult.Ok,
            null => RuleResult.Refuse(
                "La personne n'a pas donné son accord pour participer à un groupe : d'autres personnes la verront ou l'entendront. Recueillez son accord d'abord."),
            ConsentDecision.Refused => RuleResult.Refuse(
                $"La personne a refusé de participer à un groupe (réponse du {ConsentPolicy.Day(group.Since)})."),
            ConsentDecision.Withdrawn => RuleResult.Refuse(
                $"La personne a retiré son accord pour participer à un groupe le {ConsentPolicy.Day(group.Since)}."),
        };
    }

    /// <summary>A closed, anonymised or restricted file takes part in no session.</summary>
    public static RuleResult MayTakePart(PersonStanding person) =>
        person.IsAnonymised ? RuleResult.Refuse("Ce dossier est anonymisé : la personne ne peut plus être inscrite.")
        : person.Status != Persons.PersonStatus.Active ? RuleResult.Refuse("Le suivi de cette personne est clos : rouvrez-le avant de l'inscrire.")
        : person.ProcessingRestricted ? RuleResult.Refuse("Le traitement de ce dossier est limité à la demande de la personne : elle ne peut pas être inscrite.")
        : RuleResult.Ok;

    /// <summary>
    /// The shared summary goes to the whole group: it names nobody and carries no phone number or e-mail address.
    /// <paramref name="names"/> are the participants' first and last names.
    /// </summary>
    public static RuleResult CheckSharedText(string text, IEnumerable<string?> names)
    {
        foreach (var name in names)
        {
            var n = name?.Trim();
            if (string.IsNullOrEmpty(n) || n.Length < 3) continue;
            if (Regex.IsMatch(text, $@"(?<!\p{{L}}){Regex.Escape(n)}(?!\p{{L}})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                return RuleResult.Refuse("Le compte rendu partagé ne nomme aucun participant : il est lu par tout le groupe. Retirez les prénoms et les noms.");
        }
        if (PhoneLike().IsMatch(text))
            return RuleResult.Refuse("Le compte rendu partagé ne contient aucun numéro de téléphone : il est lu par tout le groupe.");
        if (EmailLike().IsMatch(text))
            return RuleResult.Refuse("Le compte rendu partagé ne contient aucune adresse e-mail : il est lu par tout le groupe.");
        return RuleResult.Ok;
    }

    [GeneratedRegex(@"(?:\d[\s.\-]?){8,}")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[^\s@]+")]
    private static partial Regex EmailLike();
}

public static class GroupText
{
    public static string French(this GroupSessionStatus s) => s switch
    {
        GroupSessionStatus.Planned => "Prévue",
        GroupSessionStatus.Held => "Tenue",
        GroupSessionStatus.Cancelled => "Annulée",
    };

    public static string French(this ParticipantStatus s) => s switch
    {
        ParticipantStatus.Proposed => "Proposé·e, en attente de son référent",
        ParticipantStatus.Registered => "Inscrit·e",
        ParticipantStatus.Waiting => "Liste d'attente",
        ParticipantStatus.Withdrawn => "Désinscrit·e",
        ParticipantStatus.Declined => "Proposition déclinée",
    };

    public static string French(this Attendance a) => a switch
    {
        Attendance.Present => "Présent·e",
        Attendance.Absent => "Absent·e",
        Attendance.Excused => "Excusé·e",
        Attendance.LeftEarly => "Parti·e avant la fin",
    };

    public static string French(this GroupRole r) => r switch
    {
        GroupRole.Facilitator => "Animation",
        GroupRole.NoteTaker => "Prise de notes",
        GroupRole.TechnicalHelper => "Aide technique",
    };
}
