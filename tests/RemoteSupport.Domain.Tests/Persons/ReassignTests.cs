using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Persons;

public sealed class ReassignTests
{
    [Fact]
    public void Reassigning_changes_the_referent()
    {
        var person = AccompaniedPerson.Seed(new PersonSeed { ReferentId = Guid.NewGuid() });
        var next = Guid.NewGuid();
        person.Reassign(next);
        Assert.Equal(next, person.ReferentId);
    }

    [Fact]
    public void A_closed_follow_up_cannot_change_referent()
    {
        var before = Guid.NewGuid();
        var person = AccompaniedPerson.Seed(new PersonSeed { ReferentId = before });
        person.Close("Fin", DateTimeOffset.UnixEpoch);
        var error = Assert.Throws<DomainRuleException>(() => person.Reassign(Guid.NewGuid()));
        Assert.Equal("Ce suivi est clos : rouvrez-le avant de changer de référent.", error.Message);
        Assert.Equal(before, person.ReferentId);
    }

    [Fact]
    public void Reassigning_to_the_same_worker_is_refused()
    {
        var referent = Guid.NewGuid();
        var person = AccompaniedPerson.Seed(new PersonSeed { ReferentId = referent });
        var error = Assert.Throws<DomainRuleException>(() => person.Reassign(referent));
        Assert.Equal("Cette personne est déjà suivie par ce travailleur social.", error.Message);
    }
}
