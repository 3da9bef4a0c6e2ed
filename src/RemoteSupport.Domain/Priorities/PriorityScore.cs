using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Priorities;

/// <summary>What the priority of one person is computed from. Gathered by set-based queries; no database here.</summary>
/// <param name="DaysSinceLastContact">Whole days since the last contact; null when no contact was ever recorded.</param>
/// <param name="FaceToFaceNeeded">The latest completed interview asked for a physical meeting.</param>
/// <param name="FaceToFaceReason">Why, when the worker said so.</param>
/// <param name="AlertDays">The department's threshold after which a person counts as "not contacted for too long".</param>
public sealed record PriorityInput(
    RiskLevel Risk,
    bool LivesAlone,
    IReadOnlyCollection<RemoteReason> Reasons,
    int? DaysSinceLastContact,
    int ContactFrequencyDays,
    int OverdueActions,
    bool HasCurrentRemoteConsent,
    bool FaceToFaceNeeded,
    FaceToFaceReason? FaceToFaceReason,
    bool FirstMeetingPending,
    int NoShowsLast90Days,
    int FallbackSwitchesLast90Days,
    int AlertDays);

/// <summary>One line of "why this person is on the list", with the points it adds.</summary>
public sealed record PriorityReason(int Points, string Text);

public sealed record PriorityResult(int Score, IReadOnlyList<PriorityReason> Reasons);

/// <summary>
/// The priority of a person for the "À contacter en priorité" list: an explicit sum of weighted reasons, each
/// stated in words, so a team lead can justify the order. Weights and their rationale: docs/decisions/ADR-0008-priority-score.md.
/// </summary>
public static class PriorityScore
{
    // Who the person is.
    public const int HighRisk = 30;
    public const int MediumRisk = 12;
    public const int LivesAlonePoints = 8;
    /// <summary>Per remote situation that makes a person more vulnerable (see <see cref="VulnerableReasons"/>).</summary>
    public const int VulnerableSituation = 5;
    public const int VulnerableSituationCap = 15;

    // How the follow-up is going.
    public const int ContactOverdueBase = 15;
    /// <summary>One more point for every <see cref="ContactOverdueDaysPerPoint"/> days beyond the agreed frequency…</summary>
    public const int ContactOverdueDaysPerPoint = 3;
    /// <summary>… up to this many.</summary>
    public const int ContactOverdueExtraCap = 20;
    public const int BeyondAlertThreshold = 10;
    public const int NeverContacted = 25;
    public const int OverdueAction = 6;
    public const int OverdueActionCap = 24;
    public const int NoRemoteConsent = 10;
    public const int FaceToFaceNeededPoints = 15;
    public const int FirstMeetingPendingPoints = 8;
    public const int NoShow = 5;
    public const int NoShowCap = 15;
    /// <summary>Plan B counts from the second switch: once can happen to anyone, repeated switches point to digital exclusion.</summary>
    public const int RepeatedFallbackFrom = 2;
    public const int FallbackSwitch = 3;
    public const int FallbackSwitchCap = 12;

    /// <summary>Remote situations that, on their own, make a missed contact more serious.</summary>
    public static readonly RemoteReason[] VulnerableReasons =
    [
        RemoteReason.PsychologicalDistress,
        RemoteReason.Homelessness,
        RemoteReason.IllnessOrDisability,
        RemoteReason.ComplicatedPregnancy,
    ];

    public static PriorityResult Compute(PriorityInput input)
    {
        var reasons = new List<PriorityReason>();

        switch (input.Risk)
        {
            case RiskLevel.High: reasons.Add(new(HighRisk, "Risque élevé")); break;
            case RiskLevel.Medium: reasons.Add(new(MediumRisk, "Risque modéré")); break;
            case RiskLevel.Low: break;
        }

        if (input.LivesAlone) reasons.Add(new(LivesAlonePoints, "Isolement : " + PersonText.LivesAlone));

        var vulnerable = VulnerableReasons.Where(input.Reasons.Contains).ToList();
        if (vulnerable.Count > 0)
        {
            var points = Math.Min(VulnerableSituationCap, vulnerable.Count * VulnerableSituation);
            reasons.Add(new(points, "Situation fragile : " + string.Join(", ", vulnerable.Select(r => Lower(r.French())))));
        }

        if (input.DaysSinceLastContact is not { } days)
        {
            reasons.Add(new(NeverContacted, "Aucun contact enregistré depuis l'ouverture du suivi"));
        }
        else if (input.ContactFrequencyDays > 0 && days > input.ContactFrequencyDays)
        {
            var late = days - input.ContactFrequencyDays;
            var points = ContactOverdueBase + Math.Min(ContactOverdueExtraCap, late / ContactOverdueDaysPerPoint);
            reasons.Add(new(points, $"Aucun contact depuis {days} jours (convenu : tous les {input.ContactFrequencyDays} jours)"));
            if (input.AlertDays > 0 && days >= input.AlertDays)
                reasons.Add(new(BeyondAlertThreshold, $"Seuil d'alerte du département dépassé ({input.AlertDays} jours)"));
        }
        else if (input.AlertDays > 0 && days >= input.AlertDays)
        {
            // A long agreed frequency does not hide the department's own alert threshold.
            reasons.Add(new(BeyondAlertThreshold, $"Aucun contact depuis {days} jours : seuil d'alerte du département dépassé ({input.AlertDays} jours)"));
        }

        if (input.OverdueActions > 0)
            reasons.Add(new(Math.Min(OverdueActionCap, input.OverdueActions * OverdueAction),
                input.OverdueActions == 1 ? "1 suite en retard" : $"{input.OverdueActions} suites en retard"));

        if (!input.HasCurrentRemoteConsent)
            reasons.Add(new(NoRemoteConsent, "Aucun consentement à distance en cours"));

        if (input.FaceToFaceNeeded)
            reasons.Add(new(FaceToFaceNeededPoints, input.FaceToFaceReason is { } why
                ? "Rencontre physique nécessaire : " + Lower(why.French())
                : "Rencontre physique nécessaire"));

        if (input.FirstMeetingPending)
            reasons.Add(new(FirstMeetingPendingPoints, "Jamais rencontrée en personne"));

        if (input.NoShowsLast90Days > 0)
            reasons.Add(new(Math.Min(NoShowCap, input.NoShowsLast90Days * NoShow),
                input.NoShowsLast90Days == 1 ? "1 absence en 3 mois" : $"{input.NoShowsLast90Days} absences en 3 mois"));

        if (input.FallbackSwitchesLast90Days >= RepeatedFallbackFrom)
            reasons.Add(new(Math.Min(FallbackSwitchCap, input.FallbackSwitchesLast90Days * FallbackSwitch),
                $"{input.FallbackSwitchesLast90Days} passages au plan B en 3 mois"));

        // Heaviest reason first: the first words of a row say the most.
        var ordered = reasons.OrderByDescending(r => r.Points).ToList();
        return new PriorityResult(ordered.Sum(r => r.Points), ordered);
    }

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
