using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Persons;

public sealed class AccompaniedPersonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static PersonProfile Profile() => new() { FirstName = "Rozenn", LastName = "Kerjean", RemoteReasons = [RemoteReason.GeographicDistance] };

    private static AccompaniedPerson NewPerson() => AccompaniedPerson.Open(56, Guid.NewGuid(), Profile(), Now.AddDays(-30));

    [Fact]
    public void Closing_records_when_and_why()
    {
        var person = NewPerson();
        person.Close("Déménagement hors du département", Now);
        Assert.Equal(PersonStatus.Closed, person.Status);
        Assert.Equal(Now, person.ClosedAt);
        Assert.Equal("Déménagement hors du département", person.ClosureReason);
    }

    [Fact]
    public void A_closed_follow_up_cannot_be_closed_again()
    {
        var person = NewPerson();
        person.Close("Fin", Now);
        var error = Assert.Throws<DomainRuleException>(() => person.Close("Encore", Now));
        Assert.Equal("Ce suivi est déjà clos.", error.Message);
    }

    [Fact]
    public void Reopening_clears_the_closure()
    {
        var person = NewPerson();
        person.Close("Fin", Now);
        person.Reopen();
        Assert.Equal(PersonStatus.Active, person.Status);
        Assert.Null(person.ClosedAt);
        Assert.Null(person.ClosureReason);
    }

    [Fact]
    public void An_active_follow_up_cannot_be_reopened()
    {
        Assert.Throws<DomainRuleException>(() => NewPerson().Reopen());
    }

    [Fact]
    public void A_reopened_follow_up_can_be_closed_again_with_its_new_reason()
    {
        var person = NewPerson();
        person.Close("Déménagement", Now);
        person.Reopen();
        person.Close("Fin des objectifs", Now.AddDays(40));
        Assert.Equal((PersonStatus.Closed, Now.AddDays(40), "Fin des objectifs"), (person.Status, person.ClosedAt, person.ClosureReason));
    }

    [Fact]
    public void A_refused_closure_changes_nothing()
    {
        var person = NewPerson();
        person.Close("Fin", Now);
        Assert.Throws<DomainRuleException>(() => person.Close("Autre motif", Now.AddDays(1)));
        Assert.Equal((Now, "Fin"), (person.ClosedAt, person.ClosureReason));
    }

    [Fact]
    public void A_first_physical_meeting_is_pending_until_its_date_is_known()
    {
        var person = NewPerson();
        Assert.True(person.FirstMeetingPending);
        person.UpdateProfile(Profile() with { FirstFaceToFaceMeetingOn = new DateOnly(2026, 10, 1) });
        Assert.False(person.FirstMeetingPending);
    }

    [Fact]
    public void A_new_person_starts_active_at_low_risk_with_a_monthly_contact()
    {
        var person = AccompaniedPerson.Open(56, Guid.NewGuid(), new PersonProfile { FirstName = "Rozenn", LastName = "Kerjean", RemoteReasons = [RemoteReason.Lockdown] }, Now);
        Assert.Equal((PersonStatus.Active, RiskLevel.Low, 30), (person.Status, person.RiskLevel, person.ContactFrequencyDays));
        Assert.Equal("Rozenn Kerjean", person.FullName);
        Assert.NotEqual(Guid.Empty, person.Id);
    }

    [Fact]
    public void Every_status_risk_skill_and_remote_reason_has_a_french_label()
    {
        Assert.All(Enum.GetValues<PersonStatus>(), v => Assert.False(string.IsNullOrWhiteSpace(v.French())));
        Assert.All(Enum.GetValues<RiskLevel>(), v => Assert.False(string.IsNullOrWhiteSpace(v.French())));
        Assert.All(Enum.GetValues<DigitalSkills>(), v => Assert.False(string.IsNullOrWhiteSpace(v.French())));
        var reasons = Enum.GetValues<RemoteReason>().Select(r => r.French()).ToList();
        Assert.Equal(reasons.Count, reasons.Distinct().Count());
    }

    [Fact]
    public void Last_contact_only_moves_forward()
    {
        var person = NewPerson();
        person.RecordContact(Now);
        person.RecordContact(Now.AddDays(-3));
        Assert.Equal(Now, person.LastContactAt);
    }

    [Fact]
    public void Initials_keep_no_more_than_the_first_letters()
    {
        var person = AccompaniedPerson.Seed(new PersonSeed { FirstName = "élodie", LastName = "Le Goff" });
        Assert.Equal("É.L.", person.Initials);
    }

    [Theory]
    [InlineData("2026-11-24T10:00", true)]   // Tuesday, inside 09:30–16:00
    [InlineData("2026-11-24T08:00", false)]  // too early
    [InlineData("2026-11-24T15:30", false)]  // ends after 16:00 with 45 minutes
    [InlineData("2026-11-27T10:00", false)]  // Friday is not a preferred day
    public void Preferred_times_cover_days_and_window(string start, bool expected)
    {
        var person = AccompaniedPerson.Seed(new PersonSeed { PreferredDays = [1, 2, 4], PreferredTimeFrom = new TimeOnly(9, 30), PreferredTimeUntil = new TimeOnly(16, 0) });
        Assert.Equal(expected, person.IsWithinPreferredTimes(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMinutes(45)));
    }
}
