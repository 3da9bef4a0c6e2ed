using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Persons;

public sealed class PersonProfileTests
{
    private static PersonProfile Profile() => new() { FirstName = " Rozenn ", LastName = "Kerjean", RemoteReasons = [RemoteReason.Lockdown, RemoteReason.Lockdown] };

    [Fact]
    public void A_language_typed_without_ticking_allophone_is_kept()
    {
        var person = AccompaniedPerson.Open(56, Guid.NewGuid(), Profile() with { IsAllophone = false, Language = " breton " }, DateTimeOffset.UnixEpoch);
        Assert.Equal("breton", person.Language);
        Assert.False(person.IsAllophone);
    }

    [Fact]
    public void An_allophone_person_needs_a_language()
    {
        var error = Assert.Throws<DomainRuleException>(() =>
            AccompaniedPerson.Open(56, Guid.NewGuid(), Profile() with { IsAllophone = true, Language = " " }, DateTimeOffset.UnixEpoch));
        Assert.Equal("Indiquez la langue parlée par la personne.", error.Message);
    }

    [Fact]
    public void Opening_a_file_normalises_what_was_typed()
    {
        var referent = Guid.NewGuid();
        var person = AccompaniedPerson.Open(56, referent, Profile() with { Email = "  ", City = " Vannes " }, DateTimeOffset.UnixEpoch);
        Assert.Equal(("Rozenn", null, "Vannes"), (person.FirstName, person.Email, person.City));
        Assert.Equal([RemoteReason.Lockdown], person.RemoteReasons);
        Assert.Equal((56, referent, PersonStatus.Active), (person.DepartmentId, person.ReferentId, person.Status));
    }

    [Fact]
    public void A_file_without_a_remote_reason_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => AccompaniedPerson.Open(56, Guid.NewGuid(), Profile() with { RemoteReasons = [] }, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Living_alone_is_said_in_words_that_fit_everyone()
    {
        Assert.DoesNotContain("seule", PersonText.LivesAlone);
        Assert.DoesNotContain("seul ", PersonText.LivesAlone + " ");
    }
}
