using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Retention;

namespace RemoteSupport.Domain.Tests.Rights;

public sealed class PersonRightsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static AccompaniedPerson Person(DateTimeOffset? lastContactAt = null) => AccompaniedPerson.Seed(new PersonSeed
    {
        FirstName = "Maïwenn", LastName = "Quéré", Phone = "0639980001", Email = "m.quere@exemple.test", Address = "3 rue des Lilas",
        PostalCode = "56000", City = "Vannes", BirthDate = new DateOnly(1970, 1, 2), Language = "breton", PreferredContactNote = "Le matin",
        CreatedAt = Now.AddYears(-3), LastContactAt = lastContactAt ?? Now.AddYears(-2).AddDays(-1),
    });

    [Fact]
    public void An_objection_stops_every_message_and_can_be_lifted()
    {
        var person = Person();
        Assert.True(person.MayReceiveMessages);
        person.ObjectToMessages(Now);
        Assert.False(person.MayReceiveMessages);
        Assert.Equal("La personne s'oppose déjà aux messages.", Assert.Throws<DomainRuleException>(() => person.ObjectToMessages(Now)).Message);
        person.LiftObjectionToMessages();
        Assert.True(person.MayReceiveMessages);
    }

    [Fact]
    public void A_restricted_file_refuses_changes_except_lifting_the_restriction()
    {
        var person = Person();
        person.RestrictProcessing(Now);
        Assert.False(person.MayReceiveMessages);
        Assert.Throws<DomainRuleException>(() => person.RecordNoticeGiven(NoticeMethod.InPerson, Now));
        Assert.Throws<DomainRuleException>(() => person.ObjectToMessages(Now));
        Assert.Throws<DomainRuleException>(person.EnsureWritable);
        person.LiftProcessingRestriction();
        person.RecordNoticeGiven(NoticeMethod.ByPost, Now);
        Assert.Equal(NoticeMethod.ByPost, person.NoticeMethod);
    }

    [Fact]
    public void Anonymising_wipes_identity_and_free_texts_and_keeps_the_facts()
    {
        var person = Person();
        person.Anonymise(Now);
        Assert.Equal(AccompaniedPerson.AnonymousFirstName, person.FirstName);
        Assert.Equal(AccompaniedPerson.AnonymousLastName, person.LastName);
        Assert.Null(person.Phone);
        Assert.Null(person.Email);
        Assert.Null(person.Address);
        Assert.Null(person.PostalCode);
        Assert.Null(person.City);
        Assert.Null(person.BirthDate);
        Assert.Null(person.Language);
        Assert.Null(person.PreferredContactNote);
        Assert.Equal(PersonStatus.Closed, person.Status);
        Assert.Equal(Now.AddYears(-3), person.CreatedAt);
        Assert.False(person.MayReceiveMessages);
        Assert.Throws<DomainRuleException>(() => person.Anonymise(Now));
    }

    [Fact]
    public void A_held_file_is_not_anonymised_until_the_hold_is_released()
    {
        var person = Person();
        Assert.Throws<DomainRuleException>(() => person.HoldRetention("  ", Now));
        person.HoldRetention("Procédure judiciaire en cours", Now);
        Assert.False(RetentionPolicy.IsDue(person, 24, Now));
        Assert.Throws<DomainRuleException>(() => person.Anonymise(Now));
        person.ReleaseRetentionHold();
        Assert.True(RetentionPolicy.IsDue(person, 24, Now));
    }

    [Fact]
    public void Retention_counts_from_the_latest_of_creation_contact_and_closure()
    {
        var created = Now.AddYears(-5);
        Assert.Equal(Now.AddYears(-1), RetentionPolicy.LastActivity(created, Now.AddYears(-2), Now.AddYears(-1)));
        Assert.Equal(created, RetentionPolicy.LastActivity(created, null, null));
        var person = Person(lastContactAt: Now.AddMonths(-24).AddDays(1));
        Assert.False(RetentionPolicy.IsDue(person, 24, Now));
        Assert.True(RetentionPolicy.IsDue(person, 24, Now.AddDays(1)));
        person.RestrictProcessing(Now);
        Assert.False(RetentionPolicy.IsDue(person, 24, Now.AddDays(10)));
    }

    [Fact]
    public void Department_retention_settings_stay_within_what_the_CNIL_allows()
    {
        var department = new Department();
        Assert.Equal(12, department.AccessJournalMonths);
        Assert.Equal(24, department.ActivePeriodMonths);
        Assert.Throws<DomainRuleException>(() => department.SetRetention(5, 24));
        Assert.Throws<DomainRuleException>(() => department.SetRetention(13, 24));
        Assert.Throws<DomainRuleException>(() => department.SetRetention(6, 25));
        department.SetRetention(6, 18);
        Assert.Equal((6, 18), (department.AccessJournalMonths, department.ActivePeriodMonths));
    }

    [Fact]
    public void Who_may_export_follows_the_department_setting()
    {
        var department = new Department();
        Assert.True(department.MayExport(isTeamLead: true, isAdmin: false, isFollowingWorker: false));
        Assert.True(department.MayExport(isTeamLead: false, isAdmin: true, isFollowingWorker: false));
        Assert.False(department.MayExport(isTeamLead: false, isAdmin: false, isFollowingWorker: true));
        department.ChooseSubjectAccessExporters(SubjectAccessExporters.AlsoFollowingWorkers);
        Assert.True(department.MayExport(isTeamLead: false, isAdmin: false, isFollowingWorker: true));
        Assert.False(department.MayExport(isTeamLead: false, isAdmin: false, isFollowingWorker: false));
    }
}

public sealed class JournalChainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>What an UPDATE in SQL would do to a stored entry: the entity itself offers no way to change it.</summary>
    private static void Tamper(ActivityLogEntry entry, string property, object value) =>
        typeof(ActivityLogEntry).GetProperty(property)!.SetValue(entry, value);

    private static List<ActivityLogEntry> Chain(int count)
    {
        var entries = new List<ActivityLogEntry>();
        long seq = 0;
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var e = ActivityLogEntry.For(1, Guid.CreateVersion7(), Guid.CreateVersion7(), Now.AddMinutes(i).AddTicks(7), ActivityKind.ContactLogged, $"Appel n° {i}");
            Tamper(e, nameof(ActivityLogEntry.Id), (long)(i + 1));
            JournalChain.Seal(e, seq, previous);
            seq = e.ChainSeq!.Value;
            previous = e.Hash;
            entries.Add(e);
        }
        return entries;
    }

    [Fact]
    public void A_sealed_chain_is_intact_and_times_are_kept_to_the_microsecond()
    {
        var chain = Chain(5);
        Assert.Null(JournalChain.FirstBreak(chain, _ => false));
        Assert.Equal(0, chain[0].At.UtcTicks % 10);
        Assert.Equal(chain[3].Hash, chain[4].PreviousHash);
    }

    [Fact]
    public void A_changed_description_breaks_the_chain_at_that_entry()
    {
        var chain = Chain(5);
        Tamper(chain[2], nameof(ActivityLogEntry.Description), "Appel modifié");
        Assert.Equal(new JournalChain.Break(3, 3, JournalChain.BreakKind.ContentChanged), JournalChain.FirstBreak(chain, _ => false));
    }

    [Fact]
    public void A_changed_fact_a_removed_entry_and_a_forged_redaction_are_each_found()
    {
        var changed = Chain(4);
        Tamper(changed[1], nameof(ActivityLogEntry.Kind), ActivityKind.PersonClosed);
        Assert.Equal(JournalChain.BreakKind.ContentChanged, JournalChain.FirstBreak(changed, _ => false)!.Kind);

        var removed = Chain(4);
        removed.RemoveAt(1);
        Assert.Equal(JournalChain.BreakKind.SequenceGap, JournalChain.FirstBreak(removed, _ => false)!.Kind);

        var redacted = Chain(3);
        Tamper(redacted[1], nameof(ActivityLogEntry.Description), "");
        Tamper(redacted[1], nameof(ActivityLogEntry.Redacted), true);
        Assert.Equal(JournalChain.BreakKind.RedactionWithoutAnonymisation, JournalChain.FirstBreak(redacted, _ => false)!.Kind);
        // The same wipe is legitimate for an anonymised person: the digest sealed at writing keeps the chain whole.
        Assert.Null(JournalChain.FirstBreak(redacted, id => id == redacted[1].PersonId));
    }
}
