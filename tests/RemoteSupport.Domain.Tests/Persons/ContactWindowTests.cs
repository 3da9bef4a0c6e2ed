using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Persons;

public sealed class ContactWindowTests
{
    [Fact]
    public void A_window_with_one_hour_only_is_refused_as_the_form_refuses_it()
    {
        var error = Assert.Throws<DomainRuleException>(() => ContactWindow.Create([], null, new TimeOnly(16, 0)));
        Assert.Contains("l'heure de début et l'heure de fin", error.Message);
        Assert.Throws<DomainRuleException>(() => ContactWindow.Create([], new TimeOnly(9, 30), null));
        Assert.Throws<DomainRuleException>(() => ContactWindow.Create([], new TimeOnly(16, 0), new TimeOnly(9, 30)));
        Assert.Throws<DomainRuleException>(() => ContactWindow.Create([8], null, null));
    }

    [Fact]
    public void The_one_describer_says_the_same_words_for_every_window()
    {
        Assert.Equal("pas de préférence", ContactWindow.Create([], null, null).Describe());
        Assert.Equal("lundi, jeudi, de 09:30 à 16:00", ContactWindow.Create([4, 1, 4], new TimeOnly(9, 30), new TimeOnly(16, 0)).Describe());
        Assert.Equal("tous les jours ouvrés, de 09:30 à 16:00", ContactWindow.Create([], new TimeOnly(9, 30), new TimeOnly(16, 0)).Describe());
        Assert.Equal("mardi, pas de préférence d'horaire", ContactWindow.Create([2], null, null).Describe());
    }

    [Fact]
    public void A_stored_half_window_reads_the_same_on_every_page()
    {
        // Rows written before the rule: the person's page and the scheduling page both read it through Describe.
        var legacy = ContactWindow.Restore([], null, new TimeOnly(16, 0));
        Assert.Equal("tous les jours ouvrés, jusqu'à 16:00", legacy.Describe());
        Assert.Equal("jusqu'à 16:00", legacy.HoursText);
    }

    [Fact]
    public void Seeded_persons_cannot_hold_a_half_filled_window()
    {
        Assert.Throws<DomainRuleException>(() => AccompaniedPerson.Seed(new PersonSeed { PreferredTimeUntil = new TimeOnly(16, 0) }));
    }

    [Fact]
    public void Preferences_say_what_changed_and_nothing_when_nothing_did()
    {
        var person = AccompaniedPerson.Open(56, Guid.NewGuid(), new PersonProfile { FirstName = "A", LastName = "B", RemoteReasons = [RemoteReason.Lockdown] },
            DateTimeOffset.UnixEpoch);
        var window = ContactWindow.Create([1, 2], new TimeOnly(9, 0), new TimeOnly(12, 0));
        Assert.Equal(["modalités préférées", "jours", "horaires", "fréquence convenue (tous les 14 jours)"],
            person.SetContactPreferences([Modality.Sms, Modality.Phone], window, "  ", 14));
        Assert.Empty(person.SetContactPreferences([Modality.Sms, Modality.Phone], window, null, 14));
        Assert.Equal([1, 2], person.PreferredDays);
        Assert.Equal(window, person.PreferredWindow);
        Assert.Throws<DomainRuleException>(() => person.SetContactPreferences([], window, null, 0));
    }
}
