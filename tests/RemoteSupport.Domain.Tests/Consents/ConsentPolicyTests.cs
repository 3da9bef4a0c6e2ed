using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Domain.Tests.Consents;

public sealed class ConsentPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid PersonId = Guid.NewGuid();

    private static ConsentRecord Answer(Modality modality, ConsentDecision decision, DateTimeOffset decidedAt, DateTimeOffset? recordedAt = null,
        Guid? personId = null, ConsentMethod method = ConsentMethod.OrallyDuringCall, string? comment = null) =>
        ConsentRecord.Seed(56, personId ?? PersonId, modality, decision, decidedAt, Guid.Empty, method, recordedAt ?? decidedAt, comment);

    [Fact]
    public void A_modality_never_asked_about_has_no_state()
    {
        var state = ConsentPolicy.StateAt([], Modality.Video, Now);
        Assert.Null(state.Decision);
        Assert.Null(state.Since);
        Assert.False(state.IsGranted);
    }

    [Fact]
    public void Grant_refuse_withdraw_and_grant_again_each_give_the_state_in_force()
    {
        var history = new List<ConsentRecord>
        {
            Answer(Modality.Video, ConsentDecision.Refused, Now.AddDays(-40)),
            Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-30)),
            Answer(Modality.Video, ConsentDecision.Withdrawn, Now.AddDays(-20)),
            Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-10)),
        };

        Assert.Null(ConsentPolicy.StateAt(history, Modality.Video, Now.AddDays(-41)).Decision);
        Assert.Equal(new ConsentState(Modality.Video, ConsentDecision.Refused, Now.AddDays(-40)), ConsentPolicy.StateAt(history, Modality.Video, Now.AddDays(-35)));
        Assert.Equal(new ConsentState(Modality.Video, ConsentDecision.Granted, Now.AddDays(-30)), ConsentPolicy.StateAt(history, Modality.Video, Now.AddDays(-25)));
        Assert.Equal(new ConsentState(Modality.Video, ConsentDecision.Withdrawn, Now.AddDays(-20)), ConsentPolicy.StateAt(history, Modality.Video, Now.AddDays(-15)));
        Assert.Equal(new ConsentState(Modality.Video, ConsentDecision.Granted, Now.AddDays(-10)), ConsentPolicy.StateAt(history, Modality.Video, Now));
    }

    [Fact]
    public void An_answer_takes_effect_at_the_very_moment_it_was_given()
    {
        var history = new[] { Answer(Modality.Phone, ConsentDecision.Granted, Now) };
        Assert.True(ConsentPolicy.StateAt(history, Modality.Phone, Now).IsGranted);
        Assert.False(ConsentPolicy.StateAt(history, Modality.Phone, Now.AddTicks(-1)).IsGranted);
    }

    [Fact]
    public void The_order_of_the_history_does_not_matter_only_the_dates_do()
    {
        var history = new[]
        {
            Answer(Modality.Sms, ConsentDecision.Withdrawn, Now.AddDays(-1)),
            Answer(Modality.Sms, ConsentDecision.Granted, Now.AddDays(-5)),
        };
        Assert.Equal(ConsentDecision.Withdrawn, ConsentPolicy.StateAt(history, Modality.Sms, Now).Decision);
    }

    [Fact]
    public void Two_answers_given_at_the_same_moment_are_ordered_by_when_they_were_entered()
    {
        var history = new[]
        {
            Answer(Modality.Phone, ConsentDecision.Withdrawn, Now.AddHours(-1), recordedAt: Now),
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddHours(-1), recordedAt: Now.AddMinutes(-30)),
        };
        Assert.Equal(ConsentDecision.Withdrawn, ConsentPolicy.StateAt(history, Modality.Phone, Now).Decision);
    }

    [Fact]
    public void A_confirmed_grant_stays_granted_since_the_first_grant()
    {
        var history = new[]
        {
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-60)),
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-5)),
        };
        Assert.Equal(Now.AddDays(-60), ConsentPolicy.StateAt(history, Modality.Phone, Now).Since);
    }

    [Fact]
    public void A_grant_after_a_withdrawal_starts_a_new_since()
    {
        var history = new[]
        {
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-60)),
            Answer(Modality.Phone, ConsentDecision.Withdrawn, Now.AddDays(-30)),
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-5)),
        };
        Assert.Equal(Now.AddDays(-5), ConsentPolicy.StateAt(history, Modality.Phone, Now).Since);
    }

    [Fact]
    public void An_answer_dated_in_the_future_does_not_count_before_its_time()
    {
        var history = new[]
        {
            Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-3)),
            Answer(Modality.Video, ConsentDecision.Withdrawn, Now.AddDays(2)),
        };
        Assert.True(ConsentPolicy.MayContact(history, Modality.Video, Now).Allowed);
        Assert.False(ConsentPolicy.MayContact(history, Modality.Video, Now.AddDays(3)).Allowed);
    }

    [Fact]
    public void Each_modality_has_its_own_answer()
    {
        var history = new[]
        {
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-3)),
            Answer(Modality.Video, ConsentDecision.Refused, Now.AddDays(-2)),
        };
        Assert.True(ConsentPolicy.MayContact(history, Modality.Phone, Now).Allowed);
        Assert.False(ConsentPolicy.MayContact(history, Modality.Video, Now).Allowed);
        Assert.False(ConsentPolicy.MayContact(history, Modality.Sms, Now).Allowed);
    }

    [Fact]
    public void The_matrix_lists_every_modality_in_order_with_its_state()
    {
        var history = new[]
        {
            Answer(Modality.Sms, ConsentDecision.Granted, Now.AddDays(-9)),
            Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-8)),
            Answer(Modality.Video, ConsentDecision.Withdrawn, Now.AddDays(-1)),
            Answer(Modality.Phone, ConsentDecision.Refused, Now.AddDays(-2)),
        };
        var matrix = ConsentPolicy.Matrix(history, Now);
        Assert.Equal(
            [
                new ConsentState(Modality.Phone, ConsentDecision.Refused, Now.AddDays(-2)),
                new ConsentState(Modality.AudioConference, null, null),
                new ConsentState(Modality.Video, ConsentDecision.Withdrawn, Now.AddDays(-1)),
                new ConsentState(Modality.Sms, ConsentDecision.Granted, Now.AddDays(-9)),
                new ConsentState(Modality.Email, null, null),
                new ConsentState(Modality.Group, null, null),
            ],
            matrix);
    }

    [Fact]
    public void Contact_without_any_answer_is_refused_and_says_consent_is_missing()
    {
        var result = ConsentPolicy.MayContact([], Modality.AudioConference, Now);
        Assert.False(result.Allowed);
        Assert.Equal("La personne n'a pas encore donné son accord pour un échange par audioconférence. Recueillez son consentement avant de l'utiliser.", result.Reason);
    }

    [Fact]
    public void Contact_after_a_refusal_is_refused_with_the_date_of_the_answer()
    {
        var result = ConsentPolicy.MayContact([Answer(Modality.Sms, ConsentDecision.Refused, new DateTimeOffset(2026, 10, 12, 8, 0, 0, TimeSpan.Zero))], Modality.Sms, Now);
        Assert.False(result.Allowed);
        Assert.Equal("La personne a refusé les échanges par SMS (réponse du 12/10/2026). Choisissez une autre modalité ou recueillez un nouvel accord.", result.Reason);
    }

    [Fact]
    public void Contact_after_a_withdrawal_is_refused_with_the_french_date_of_the_withdrawal()
    {
        var history = new[]
        {
            Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-30)),
            // 23:30 UTC on 20 November is already 21 November in Paris.
            Answer(Modality.Video, ConsentDecision.Withdrawn, new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.Zero)),
        };
        var result = ConsentPolicy.MayContact(history, Modality.Video, Now);
        Assert.False(result.Allowed);
        Assert.Equal("La personne a retiré son accord pour les échanges par visioconférence le 21/11/2026. Choisissez une autre modalité ou recueillez un nouvel accord.", result.Reason);
    }

    [Fact]
    public void Contact_with_a_grant_in_force_is_allowed_without_a_reason()
    {
        var result = ConsentPolicy.MayContact([Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-1))], Modality.Phone, Now.AddDays(7));
        Assert.True(result.Allowed);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void A_participant_takes_part_only_with_the_persons_agreement()
    {
        Assert.True(ConsentPolicy.MayParticipate("Gwen, sa sœur", personAgreedToPresence: true).Allowed);
        var refused = ConsentPolicy.MayParticipate("Gwen, sa sœur", personAgreedToPresence: false);
        Assert.False(refused.Allowed);
        Assert.Equal("La personne n'a pas donné son accord à la présence de Gwen, sa sœur. Demandez-lui avant l'entretien ou retirez ce participant.", refused.Reason);
    }

    [Fact]
    public void A_participant_without_a_name_is_still_refused_in_plain_words()
    {
        var refused = ConsentPolicy.MayParticipate("  ", personAgreedToPresence: false);
        Assert.StartsWith("La personne n'a pas donné son accord à la présence de ce participant.", refused.Reason);
    }

    [Fact]
    public void A_first_grant_or_refusal_may_be_recorded()
    {
        Assert.True(ConsentPolicy.MayRecord([], Answer(Modality.Phone, ConsentDecision.Granted, Now)).Allowed);
        Assert.True(ConsentPolicy.MayRecord([], Answer(Modality.Phone, ConsentDecision.Refused, Now)).Allowed);
    }

    [Fact]
    public void A_withdrawal_needs_a_grant_in_force()
    {
        var result = ConsentPolicy.MayRecord([], Answer(Modality.Video, ConsentDecision.Withdrawn, Now));
        Assert.False(result.Allowed);
        Assert.Equal("La personne n'avait pas d'accord en cours pour les échanges par visioconférence à cette date : il n'y a rien à retirer. Enregistrez plutôt un refus.", result.Reason);

        var refused = new[] { Answer(Modality.Video, ConsentDecision.Refused, Now.AddDays(-3)) };
        Assert.False(ConsentPolicy.MayRecord(refused, Answer(Modality.Video, ConsentDecision.Withdrawn, Now)).Allowed);

        var withdrawn = new[] { Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-9)), Answer(Modality.Video, ConsentDecision.Withdrawn, Now.AddDays(-3)) };
        Assert.False(ConsentPolicy.MayRecord(withdrawn, Answer(Modality.Video, ConsentDecision.Withdrawn, Now)).Allowed);

        var granted = new[] { Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-3)) };
        Assert.True(ConsentPolicy.MayRecord(granted, Answer(Modality.Video, ConsentDecision.Withdrawn, Now)).Allowed);
    }

    [Fact]
    public void A_withdrawal_is_judged_at_its_own_date_not_today()
    {
        var history = new[] { Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-3)) };
        // Backdated before the grant: nothing was in force then.
        Assert.False(ConsentPolicy.MayRecord(history, Answer(Modality.Phone, ConsentDecision.Withdrawn, Now.AddDays(-5), recordedAt: Now)).Allowed);
    }

    [Fact]
    public void Another_modality_or_another_persons_grant_does_not_allow_a_withdrawal()
    {
        var history = new[]
        {
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-3)),
            Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-3), personId: Guid.NewGuid()),
        };
        Assert.False(ConsentPolicy.MayRecord(history, Answer(Modality.Video, ConsentDecision.Withdrawn, Now)).Allowed);
    }

    [Fact]
    public void Taking_back_a_grant_must_be_recorded_as_a_withdrawal_not_a_refusal()
    {
        var history = new[] { Answer(Modality.Sms, ConsentDecision.Granted, new DateTimeOffset(2026, 10, 12, 8, 0, 0, TimeSpan.Zero)) };
        var result = ConsentPolicy.MayRecord(history, Answer(Modality.Sms, ConsentDecision.Refused, Now));
        Assert.False(result.Allowed);
        Assert.Equal("La personne avait donné son accord pour les échanges par SMS (depuis le 12/10/2026). Si elle ne le souhaite plus, enregistrez un retrait.", result.Reason);
    }

    [Fact]
    public void A_grant_may_be_confirmed_and_a_refusal_repeated()
    {
        var granted = new[] { Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-3)) };
        Assert.True(ConsentPolicy.MayRecord(granted, Answer(Modality.Phone, ConsentDecision.Granted, Now)).Allowed);
        var refused = new[] { Answer(Modality.Phone, ConsentDecision.Refused, Now.AddDays(-3)) };
        Assert.True(ConsentPolicy.MayRecord(refused, Answer(Modality.Phone, ConsentDecision.Refused, Now)).Allowed);
    }

    [Fact]
    public void A_grant_after_a_withdrawal_may_be_recorded()
    {
        var history = new[] { Answer(Modality.Video, ConsentDecision.Granted, Now.AddDays(-9)), Answer(Modality.Video, ConsentDecision.Withdrawn, Now.AddDays(-3)) };
        Assert.True(ConsentPolicy.MayRecord(history, Answer(Modality.Video, ConsentDecision.Granted, Now)).Allowed);
    }

    [Fact]
    public void An_answer_cannot_be_dated_after_the_moment_it_is_entered()
    {
        var result = ConsentPolicy.MayRecord([], Answer(Modality.Phone, ConsentDecision.Granted, Now.AddMinutes(1), recordedAt: Now));
        Assert.False(result.Allowed);
        Assert.Equal("La date de la réponse ne peut pas être dans le futur : indiquez quand la personne a répondu.", result.Reason);
    }

    [Fact]
    public void The_journal_line_names_modality_answer_and_method_but_never_the_comment()
    {
        var record = Answer(Modality.Video, ConsentDecision.Withdrawn, Now, method: ConsentMethod.InWriting,
            comment: "Son conjoint regarde l'écran pendant les appels.");
        Assert.Equal("Consentement visioconférence : retiré (par écrit).", record.JournalDescription());
    }
}
