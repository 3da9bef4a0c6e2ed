using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Directory;

public sealed class DirectoryRulesTests
{
    [Theory]
    [InlineData("Saint-Brieuc", "SAINT BRIEUC")]
    [InlineData("  saint   brieuc ", "SAINT BRIEUC")]
    [InlineData("Plœmeur", "PLŒMEUR")]
    [InlineData("Pont-l'Abbé", "PONT L ABBE")]
    public void Communes_compare_without_case_accents_or_hyphens(string commune, string key) => Assert.Equal(key, DirectoryText.Key(commune));

    [Fact]
    public void An_orientation_needs_an_open_file_and_an_active_resource()
    {
        var resource = Guid.NewGuid();
        var action = FollowUpAction.Orient(56, Guid.NewGuid(), PersonStatus.Active, resource, " Espace numérique ", true, "Atelier", new DateOnly(2026, 12, 1));
        Assert.Equal(("Espace numérique", resource), (action.Who, action.ResourceId));
        Assert.Equal("Ce suivi est clos : rouvrez-le avant d'orienter la personne.", Assert.Throws<DomainRuleException>(() =>
            FollowUpAction.Orient(56, Guid.NewGuid(), PersonStatus.Closed, resource, "Espace", true, "Atelier", new DateOnly(2026, 12, 1))).Message);
        Assert.Equal("Cette ressource n'est plus active : choisissez-en une autre.", Assert.Throws<DomainRuleException>(() =>
            FollowUpAction.Orient(56, Guid.NewGuid(), PersonStatus.Active, resource, "Espace", false, "Atelier", new DateOnly(2026, 12, 1))).Message);
    }

    [Fact]
    public void Nearest_is_the_same_commune_then_the_same_postcode_prefix_then_elsewhere()
    {
        Assert.Equal(0, DigitalInclusion.Distance("Lorient", "56100", "LORIENT", "56100"));
        Assert.Equal(1, DigitalInclusion.Distance("Lorient", "56100", "VANNES", "56000"));
        Assert.Equal(2, DigitalInclusion.Distance("Lorient", "56100", "REDON", "35600"));
        Assert.Equal(2, DigitalInclusion.Distance(null, null, "REDON", "35600"));
    }

    [Fact]
    public void Digital_help_is_for_persons_without_skills_device_or_connection()
    {
        static AccompaniedPerson Equipped(Action<PersonSeed>? change = null)
        {
            var seed = new PersonSeed { HasSmartphone = true, HasInternetAccess = true, DigitalSkills = DigitalSkills.Basic };
            change?.Invoke(seed);
            return AccompaniedPerson.Seed(seed);
        }
        Assert.False(DigitalInclusion.NeedsHelp(Equipped()));
        Assert.True(DigitalInclusion.NeedsHelp(Equipped(p => p.DigitalSkills = DigitalSkills.None)));
        Assert.True(DigitalInclusion.NeedsHelp(Equipped(p => p.HasInternetAccess = false)));
        Assert.True(DigitalInclusion.NeedsHelp(Equipped(p => p.HasSmartphone = false)));
        Assert.True(DigitalInclusion.NeedsHelp(Equipped(p => p.RemoteReasons = [RemoteReason.NeedsDigitalSupport])));
    }

    [Fact]
    public void A_guide_has_short_steps_and_a_help_number_and_a_tools_own_guide_comes_first()
    {
        Assert.False(PublicGuide.Check("", "0261910000").Allowed);
        Assert.False(PublicGuide.Check(new string('a', 101), "0261910000").Allowed);
        Assert.False(PublicGuide.Check("Une étape.", " ").Allowed);
        Assert.True(PublicGuide.Check("Une étape.\nUne autre.", "02 61 91 00 00").Allowed);

        var tool = Guid.NewGuid();
        var general = new PublicGuide { Modality = Modality.Video, Title = "Visio" };
        var own = new PublicGuide { Modality = Modality.Video, VideoToolId = tool, Title = "Outil" };
        var phone = new PublicGuide { Modality = Modality.Phone, Title = "Téléphone" };
        PublicGuide[] all = [general, own, phone];
        Assert.Same(own, PublicGuide.For(all, Modality.Video, tool));
        Assert.Same(general, PublicGuide.For(all, Modality.Video, Guid.NewGuid()));
        Assert.Same(phone, PublicGuide.For(all, Modality.Phone, null));
        Assert.Null(PublicGuide.For(all, Modality.AudioConference, null));

        var text = new PublicGuide { Title = "T", Steps = "Un.\r\n\r\nDeux.", HelpPhone = "02 61 91 00 00" }.AsText();
        Assert.Equal("T\n1. Un.\n2. Deux.\nBesoin d'aide ? Appelez le 02 61 91 00 00.", text);
    }

    [Fact]
    public void The_card_for_sms_keeps_contact_lines_and_the_email_card_adds_the_easy_to_read_text()
    {
        var r = new Resource { Name = "Point Santé", Offer = "Consultations.", EasyToRead = "Vous pouvez venir.", Phone = "02 61 91 00 01",
            Address = "1 rue X", PostalCode = "56000", OpeningHours = "Lundi 9h-12h", Email = "accueil@point.test", Website = "https://point.test" };
        r.SetCommune("Vannes");
        Assert.Equal("Point Santé\nTél. 02 61 91 00 01\n1 rue X, 56000 Vannes\nLundi 9h-12h\nhttps://point.test", r.Card(shortForm: true));
        Assert.Equal("Point Santé\nVous pouvez venir.\nTél. 02 61 91 00 01\n1 rue X, 56000 Vannes\nHoraires : Lundi 9h-12h\naccueil@point.test\nhttps://point.test",
            r.Card(shortForm: false));
    }

    [Fact]
    public void Themes_extend_the_default_list_without_duplicates()
    {
        Assert.False(DirectoryThemes.MayAdd("aide alimentaire", []).Allowed);
        Assert.False(DirectoryThemes.MayAdd("Logement", ["logement"]).Allowed);
        Assert.True(DirectoryThemes.MayAdd("Logement", []).Allowed);
        var all = DirectoryThemes.For(["Logement", "Aide alimentaire"]);
        Assert.Equal(DirectoryThemes.Defaults.Length + 1, all.Count);
        Assert.Equal("Logement", all[^1]);
    }
}
