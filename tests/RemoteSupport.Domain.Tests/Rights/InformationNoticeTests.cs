using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Rights;

public sealed class InformationNoticeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Department Morbihan()
    {
        var d = new Department("CD56", "Morbihan");
        d.ChangeNotice("Conseil départemental du Morbihan\n2 rue de Saint-Tropez\n\n56000 Vannes", "dpo@morbihan.test", null, null);
        d.SetRetention(6, 18);
        return d;
    }

    [Fact]
    public void The_plain_text_carries_every_section_the_department_texts_retention_and_tools()
    {
        var text = InformationNotice.For(Morbihan(), [new NoticeTool("Visio Armorique", "Hébergé en France.")]).ToPlainText();

        Assert.StartsWith("Notice d'information — vos données et vos droits\nService : Morbihan\n\nPourquoi nous enregistrons", text);
        // The controller keeps its lines, without the blank one that would split the section.
        Assert.Contains("Qui est responsable de ce dossier\nConseil départemental du Morbihan\n2 rue de Saint-Tropez\n56000 Vannes\nDélégué à la protection des données : dpo@morbihan.test\n", text);
        Assert.Contains("gardé 18 mois après votre dernier contact", text);
        Assert.Contains("Les traces de consultation sont gardées 6 mois.", text);
        Assert.Contains("- Faire corriger une information fausse.\n", text);
        Assert.Contains("Comment les exercer :\nParlez-en à votre travailleur social", text);
        Assert.Contains("Les outils utilisés\n- Visio Armorique — Hébergé en France.", text);
        Assert.DoesNotContain("À savoir aussi", text);
        Assert.DoesNotContain("\r", text);
        Assert.DoesNotContain("\n\n\n", text);
    }

    [Fact]
    public void Without_tools_or_department_texts_the_notice_says_so_in_the_apps_own_words()
    {
        var d = new Department("CD29", "Finistère");
        d.ChangeNotice(null, null, null, "Vos données ne quittent pas l'Union européenne.");
        var notice = InformationNotice.For(d, []);
        var text = notice.ToPlainText();
        Assert.Contains("Qui est responsable de ce dossier\nLe département Finistère.\n", text);
        Assert.Contains("Téléphone et courrier uniquement", text);
        Assert.EndsWith("À savoir aussi\nVos données ne quittent pas l'Union européenne.", text);
        Assert.Equal(8, notice.Sections.Count);
    }

    [Fact]
    public void By_email_the_notice_counts_as_given_only_through_the_sending_never_by_hand()
    {
        var person = AccompaniedPerson.Seed(new PersonSeed { FirstName = "Maïwenn", LastName = "Quéré", CreatedAt = Now.AddYears(-1) });
        var refused = Assert.Throws<DomainRuleException>(() => person.RecordNoticeGiven(NoticeMethod.ByEmail, Now));
        Assert.Contains("Envoyer la notice par e-mail", refused.Message);
        Assert.Null(person.NoticeGivenAt);
        Assert.Equal([NoticeMethod.InPerson, NoticeMethod.ByPost], PersonRightsText.RecordedByHand);

        person.RecordNoticeSentByEmail(Now);
        Assert.Equal((NoticeMethod.ByEmail, Now), (person.NoticeMethod, person.NoticeGivenAt));

        person.RestrictProcessing(Now);
        Assert.Throws<DomainRuleException>(() => person.RecordNoticeSentByEmail(Now.AddDays(1)));
        Assert.Equal(Now, person.NoticeGivenAt);
    }

    [Fact]
    public void The_notice_leaves_by_email_only()
    {
        Assert.True(MessageTemplates.IsUsed(MessagePurpose.Notice, MessageChannel.Email));
        Assert.False(MessageTemplates.IsUsed(MessagePurpose.Notice, MessageChannel.Sms));
        Assert.True(MessageTemplates.IsUsed(MessagePurpose.Reminder, MessageChannel.Sms));
        Assert.Equal("Notice d'information", MessagePurpose.Notice.French());
    }

    [Fact]
    public void The_departments_notice_texts_are_trimmed_blank_means_unwritten_and_each_has_a_limit()
    {
        var d = new Department("CD22", "Côtes-d'Armor");
        d.ChangeNotice("  Conseil départemental  ", "   ", null, "Texte");
        Assert.Equal("Conseil départemental", d.NoticeController);
        Assert.Null(d.NoticeDpoContact);
        var e = Assert.Throws<DomainRuleException>(() => d.ChangeNotice(new string('x', Department.NoticeTextMaxLength + 1), null, null, null));
        Assert.Contains("responsable du traitement", e.Message);
        Assert.Equal("Conseil départemental", d.NoticeController);
    }
}
