using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Priorities;

namespace RemoteSupport.Domain.Tests.Priorities;

public sealed class PriorityScoreTests
{
    /// <summary>A person with nothing to worry about: low risk, contacted recently, consent given, already met.</summary>
    private static readonly PriorityInput Calm = new(
        Risk: RiskLevel.Low, LivesAlone: false, Reasons: [RemoteReason.GeographicDistance], DaysSinceLastContact: 5,
        ContactFrequencyDays: 30, OverdueActions: 0, HasCurrentRemoteConsent: true, FaceToFaceNeeded: false, FaceToFaceReason: null,
        FirstMeetingPending: false, NoShowsLast90Days: 0, FallbackSwitchesLast90Days: 0, AlertDays: 45);

    private static IEnumerable<string> Texts(PriorityResult r) => r.Reasons.Select(x => x.Text);

    [Fact]
    public void A_calm_situation_scores_zero_with_no_reason()
    {
        var result = PriorityScore.Compute(Calm);
        Assert.Equal(0, result.Score);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void Risk_levels_weigh_differently()
    {
        Assert.Equal(PriorityScore.HighRisk, PriorityScore.Compute(Calm with { Risk = RiskLevel.High }).Score);
        Assert.Equal(PriorityScore.MediumRisk, PriorityScore.Compute(Calm with { Risk = RiskLevel.Medium }).Score);
        Assert.Equal(["Risque élevé"], Texts(PriorityScore.Compute(Calm with { Risk = RiskLevel.High })));
        Assert.Equal(["Risque modéré"], Texts(PriorityScore.Compute(Calm with { Risk = RiskLevel.Medium })));
    }

    [Fact]
    public void A_contact_overdue_says_how_long_and_what_was_agreed()
    {
        var result = PriorityScore.Compute(Calm with { DaysSinceLastContact = 40 });
        var reason = Assert.Single(result.Reasons);
        Assert.Equal("Aucun contact depuis 40 jours (convenu : tous les 30 jours)", reason.Text);
        Assert.Equal(PriorityScore.ContactOverdueBase + 10 / PriorityScore.ContactOverdueDaysPerPoint, reason.Points);
    }

    [Fact]
    public void Beyond_the_department_alert_threshold_adds_a_second_reason()
    {
        var result = PriorityScore.Compute(Calm with { DaysSinceLastContact = 52 });
        Assert.Equal(
            ["Aucun contact depuis 52 jours (convenu : tous les 30 jours)", "Seuil d'alerte du département dépassé (45 jours)"],
            Texts(result));
        Assert.Equal(PriorityScore.ContactOverdueBase + 22 / 3 + PriorityScore.BeyondAlertThreshold, result.Score);
    }

    [Fact]
    public void The_lateness_bonus_is_capped()
    {
        var result = PriorityScore.Compute(Calm with { DaysSinceLastContact = 400, AlertDays = 0 });
        Assert.Equal(PriorityScore.ContactOverdueBase + PriorityScore.ContactOverdueExtraCap, result.Score);
    }

    [Fact]
    public void A_long_agreed_frequency_does_not_hide_the_alert_threshold()
    {
        var result = PriorityScore.Compute(Calm with { ContactFrequencyDays = 90, DaysSinceLastContact = 60 });
        Assert.Equal(["Aucun contact depuis 60 jours : seuil d'alerte du département dépassé (45 jours)"], Texts(result));
        Assert.Equal(PriorityScore.BeyondAlertThreshold, result.Score);
    }

    [Fact]
    public void On_time_contact_adds_nothing()
    {
        Assert.Equal(0, PriorityScore.Compute(Calm with { DaysSinceLastContact = 30 }).Score);
    }

    [Fact]
    public void Never_contacted_is_a_reason_of_its_own()
    {
        var result = PriorityScore.Compute(Calm with { DaysSinceLastContact = null });
        Assert.Equal(["Aucun contact enregistré depuis l'ouverture du suivi"], Texts(result));
        Assert.Equal(PriorityScore.NeverContacted, result.Score);
    }

    [Fact]
    public void Overdue_actions_count_with_a_cap_and_agree_in_number()
    {
        Assert.Equal(["1 suite en retard"], Texts(PriorityScore.Compute(Calm with { OverdueActions = 1 })));
        Assert.Equal(["2 suites en retard"], Texts(PriorityScore.Compute(Calm with { OverdueActions = 2 })));
        Assert.Equal(2 * PriorityScore.OverdueAction, PriorityScore.Compute(Calm with { OverdueActions = 2 }).Score);
        Assert.Equal(PriorityScore.OverdueActionCap, PriorityScore.Compute(Calm with { OverdueActions = 50 }).Score);
    }

    [Fact]
    public void Missing_remote_consent_is_named()
    {
        var result = PriorityScore.Compute(Calm with { HasCurrentRemoteConsent = false });
        Assert.Equal(["Aucun consentement à distance en cours"], Texts(result));
        Assert.Equal(PriorityScore.NoRemoteConsent, result.Score);
    }

    [Fact]
    public void A_face_to_face_need_gives_its_reason()
    {
        var result = PriorityScore.Compute(Calm with { FaceToFaceNeeded = true, FaceToFaceReason = FaceToFaceReason.HomeObservation });
        Assert.Equal(["Rencontre physique nécessaire : observation du logement ou des conditions de vie"], Texts(result));
        Assert.Equal(PriorityScore.FaceToFaceNeededPoints, result.Score);
        Assert.Equal(["Rencontre physique nécessaire"], Texts(PriorityScore.Compute(Calm with { FaceToFaceNeeded = true })));
    }

    [Fact]
    public void Never_met_in_person_is_named()
    {
        var result = PriorityScore.Compute(Calm with { FirstMeetingPending = true });
        Assert.Equal(["Jamais rencontrée en personne"], Texts(result));
    }

    [Fact]
    public void No_shows_count_and_are_capped()
    {
        Assert.Equal(["2 absences en 3 mois"], Texts(PriorityScore.Compute(Calm with { NoShowsLast90Days = 2 })));
        Assert.Equal(["1 absence en 3 mois"], Texts(PriorityScore.Compute(Calm with { NoShowsLast90Days = 1 })));
        Assert.Equal(PriorityScore.NoShowCap, PriorityScore.Compute(Calm with { NoShowsLast90Days = 9 }).Score);
    }

    [Fact]
    public void A_single_plan_B_switch_is_not_a_reason_but_repeated_ones_are()
    {
        Assert.Equal(0, PriorityScore.Compute(Calm with { FallbackSwitchesLast90Days = 1 }).Score);
        var repeated = PriorityScore.Compute(Calm with { FallbackSwitchesLast90Days = 3 });
        Assert.Equal(["3 passages au plan B en 3 mois"], Texts(repeated));
        Assert.Equal(3 * PriorityScore.FallbackSwitch, repeated.Score);
        Assert.Equal(PriorityScore.FallbackSwitchCap, PriorityScore.Compute(Calm with { FallbackSwitchesLast90Days = 20 }).Score);
    }

    [Fact]
    public void Isolation_and_vulnerable_situations_are_named()
    {
        var result = PriorityScore.Compute(Calm with
        {
            LivesAlone = true,
            Reasons = [RemoteReason.PsychologicalDistress, RemoteReason.Homelessness, RemoteReason.GeographicDistance],
        });
        Assert.Equal(["Situation fragile : souffrance psychique, personne sans domicile stable", "Isolement : vit sans autre personne au foyer"], Texts(result));
        Assert.Equal(PriorityScore.LivesAlonePoints + 2 * PriorityScore.VulnerableSituation, result.Score);
    }

    [Fact]
    public void Vulnerable_situations_are_capped()
    {
        var result = PriorityScore.Compute(Calm with { Reasons = PriorityScore.VulnerableReasons });
        Assert.Equal(PriorityScore.VulnerableSituationCap, result.Score);
    }

    [Fact]
    public void The_score_is_the_sum_of_its_reasons_and_the_heaviest_reason_comes_first()
    {
        var result = PriorityScore.Compute(Calm with
        {
            Risk = RiskLevel.Medium, DaysSinceLastContact = 52, OverdueActions = 2, HasCurrentRemoteConsent = false,
            FirstMeetingPending = true,
        });
        Assert.Equal(result.Reasons.Sum(r => r.Points), result.Score);
        Assert.Equal("Aucun contact depuis 52 jours (convenu : tous les 30 jours)", result.Reasons[0].Text);
        Assert.True(result.Reasons.Zip(result.Reasons.Skip(1)).All(p => p.First.Points >= p.Second.Points));
    }

    [Fact]
    public void A_high_risk_person_not_contacted_outranks_a_calm_one_with_one_late_action()
    {
        var urgent = PriorityScore.Compute(Calm with { Risk = RiskLevel.High, DaysSinceLastContact = 50 });
        var mild = PriorityScore.Compute(Calm with { OverdueActions = 1 });
        Assert.True(urgent.Score > mild.Score);
    }
}
