using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;

namespace RemoteSupport.Domain.Tests.Activity;

public sealed class QuickContactTests
{
    private static readonly Guid PersonId = Guid.NewGuid();
    // 10:00 and 20:30 in Paris (UTC+1 in November).
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Evening = new(2026, 11, 24, 19, 30, 0, TimeSpan.Zero);
    private static readonly Department Department = QuietDepartment();

    private static Department QuietDepartment()
    {
        var department = new Department();
        department.ChangeSmsQuietPeriod(new TimeOnly(19, 0), new TimeOnly(8, 30));
        return department;
    }

    private static List<ConsentRecord> Granted(params Modality[] modalities) =>
        modalities.Select(m => ConsentRecord.Seed(56, PersonId, m, ConsentDecision.Granted, Morning.AddDays(-30), Guid.Empty)).ToList();

    [Fact]
    public void An_outgoing_call_without_consent_is_refused_with_the_consent_rule_s_words()
    {
        var verdict = new QuickContact(QuickContactKind.Call, ContactDirection.Outgoing, Morning, "Point").Check([], Department, false);
        var refused = Assert.IsType<QuickContactVerdict.Refused>(verdict);
        Assert.Equal(ConsentPolicy.MayContact([], Modality.Phone, Morning).Reason, refused.Reason);
    }

    [Theory]
    [InlineData(QuickContactKind.Call, ContactDirection.Incoming)]
    [InlineData(QuickContactKind.Sms, ContactDirection.Incoming)]
    [InlineData(QuickContactKind.Email, ContactDirection.Outgoing)]
    public void Incoming_contacts_and_e_mails_need_no_consent(QuickContactKind kind, ContactDirection direction)
    {
        Assert.IsType<QuickContactVerdict.Allowed>(new QuickContact(kind, direction, Morning, "Point").Check([], Department, false));
    }

    [Fact]
    public void An_outgoing_sms_in_the_quiet_period_asks_for_confirmation_then_journals_it()
    {
        var contact = new QuickContact(QuickContactKind.Sms, ContactDirection.Outgoing, Evening, "Rappel du rendez-vous");
        var warning = Assert.IsType<QuickContactVerdict.NeedsQuietTimeConfirmation>(contact.Check(Granted(Modality.Sms), Department, false));
        Assert.Contains("de 19:00 à 08:30", warning.Warning);

        Assert.IsType<QuickContactVerdict.Allowed>(contact.Check(Granted(Modality.Sms), Department, true));
        var entry = contact.ToJournal(56, PersonId, Guid.NewGuid(), Department);
        Assert.Equal("SMS envoyé : Rappel du rendez-vous (envoyé pendant la période sans SMS du département ; envoi confirmé)", entry.Description);
        Assert.Equal((ActivityKind.ContactLogged, Modality.Sms, Evening), (entry.Kind, entry.Modality, entry.At));
    }

    [Fact]
    public void The_quiet_period_concerns_outgoing_sms_only_and_consent_comes_first()
    {
        Assert.IsType<QuickContactVerdict.Allowed>(
            new QuickContact(QuickContactKind.Sms, ContactDirection.Outgoing, Morning, "Rappel").Check(Granted(Modality.Sms), Department, false));
        Assert.IsType<QuickContactVerdict.Allowed>(
            new QuickContact(QuickContactKind.Sms, ContactDirection.Incoming, Evening, "Merci").Check([], Department, false));
        Assert.IsType<QuickContactVerdict.Allowed>(
            new QuickContact(QuickContactKind.Call, ContactDirection.Outgoing, Evening, "Appel").Check(Granted(Modality.Phone), Department, false));
        // Without consent the SMS is refused, confirmed or not.
        Assert.IsType<QuickContactVerdict.Refused>(
            new QuickContact(QuickContactKind.Sms, ContactDirection.Outgoing, Evening, "Rappel").Check([], Department, true));
    }

    [Fact]
    public void A_journal_line_outside_the_quiet_period_says_only_what_happened()
    {
        var entry = new QuickContact(QuickContactKind.Call, ContactDirection.Incoming, Evening, " Demande d'aide ").ToJournal(56, PersonId, Guid.NewGuid(), Department);
        Assert.Equal("Appel reçu : Demande d'aide", entry.Description);
    }
}
