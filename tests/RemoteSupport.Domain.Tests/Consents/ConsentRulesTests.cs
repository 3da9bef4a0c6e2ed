using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Domain.Tests.Consents;

public sealed class ConsentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid PersonId = Guid.NewGuid();

    private static ConsentRecord Answer(Modality m, ConsentDecision d, DateTimeOffset at, DateTimeOffset? recordedAt = null) =>
        ConsentRecord.Seed(56, PersonId, m, d, at, Guid.Empty, recordedAt: recordedAt);

    [Fact]
    public void Remote_consent_is_a_grant_in_force_for_at_least_one_modality()
    {
        Assert.False(ConsentPolicy.HasRemoteConsentAt([], Now));
        var history = new List<ConsentRecord>
        {
            Answer(Modality.Video, ConsentDecision.Refused, Now.AddDays(-20)),
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-10)),
        };
        Assert.True(ConsentPolicy.HasRemoteConsentAt(history, Now));
        // Before the grant, and after it was withdrawn, there is none.
        Assert.False(ConsentPolicy.HasRemoteConsentAt(history, Now.AddDays(-15)));
        history.Add(Answer(Modality.Phone, ConsentDecision.Withdrawn, Now.AddDays(-1)));
        Assert.False(ConsentPolicy.HasRemoteConsentAt(history, Now));
        // A grant dated later does not count yet.
        history.Add(Answer(Modality.Sms, ConsentDecision.Granted, Now.AddDays(2)));
        Assert.False(ConsentPolicy.HasRemoteConsentAt(history, Now));
    }

    [Fact]
    public void Two_answers_at_the_same_moment_are_ordered_by_when_they_were_entered()
    {
        var history = new List<ConsentRecord>
        {
            Answer(Modality.Phone, ConsentDecision.Withdrawn, Now.AddDays(-1), recordedAt: Now),
            Answer(Modality.Phone, ConsentDecision.Granted, Now.AddDays(-1), recordedAt: Now.AddHours(-1)),
        };
        Assert.False(ConsentPolicy.HasRemoteConsentAt(history, Now));
    }

    [Fact]
    public void Recording_goes_through_the_policy()
    {
        var error = Assert.Throws<DomainRuleException>(() =>
            ConsentRecord.Record([], 56, PersonId, Modality.Sms, ConsentDecision.Withdrawn, Now.AddDays(-1), ConsentMethod.InPerson, Guid.Empty, Now, null));
        Assert.Contains("il n'y a rien à retirer", error.Message);

        var granted = ConsentRecord.Record([], 56, PersonId, Modality.Sms, ConsentDecision.Granted, Now.AddDays(-1), ConsentMethod.InPerson, Guid.Empty, Now, "  ");
        Assert.Null(granted.Comment);
        Assert.Equal(Now, granted.RecordedAt);
    }

    [Fact]
    public void A_state_is_described_in_one_wording()
    {
        var since = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal("accordé depuis le 03/11/2026", new ConsentState(Modality.Phone, ConsentDecision.Granted, since).Describe());
        Assert.Equal("Retiré le 03/11/2026", new ConsentState(Modality.Phone, ConsentDecision.Withdrawn, since).DescribeCapitalised());
        Assert.Equal("jamais recueilli", new ConsentState(Modality.Phone, null, null).Describe());
    }
}
