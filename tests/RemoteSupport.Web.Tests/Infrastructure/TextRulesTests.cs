using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Tests.Infrastructure;

/// <summary>The shape rules shared by every form (no database, no HTTP).</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("06 12 34 56 78", true)]
    [InlineData("06.12.34.56.78", true)]
    [InlineData("0612345678", true)]
    [InlineData("+33 6 12 34 56 78", true)]
    [InlineData("", true)]
    [InlineData("00 12 34 56 78", false)]
    [InlineData("06 12 34 56 7", false)]
    [InlineData("+44 20 7946 0958", false)]
    [InlineData("٠٦١٢٣٤٥٦٧٨", false)]
    [InlineData("０６１２３４５６７８", false)]
    public void French_phone_numbers_only(string phone, bool valid) => Assert.Equal(valid, PhoneNumbers.IsValid(phone));

    [Theory]
    [InlineData("06.12.34.56.78", "06 12 34 56 78")]
    [InlineData("+33612345678", "06 12 34 56 78")]
    [InlineData("  ", null)]
    public void Phone_numbers_are_stored_in_one_shape(string typed, string? stored) => Assert.Equal(stored, PhoneNumbers.Normalize(typed));

    [Theory]
    [InlineData("prenom.nom@exemple.fr", true)]
    [InlineData("élodie@exemple.test", true)]
    [InlineData("a@b", false)]
    [InlineData("a b@exemple.fr", false)]
    [InlineData("<a>@exemple.fr", false)]
    [InlineData("lea\u200B@exemple.fr", false)]
    [InlineData("lea\u0000@exemple.fr", false)]
    public void E_mail_addresses_have_a_plain_shape(string email, bool valid) => Assert.Equal(valid, TextRules.IsEmail(email));

    [Theory]
    [InlineData("Anne-Sophie", true)]
    [InlineData("N’Diaye", true)]
    [InlineData("Ðorđe", true)]
    [InlineData("Le Goff", true)]
    [InlineData("-Anne", false)]
    [InlineData("Anne2", false)]
    [InlineData("Anne\u202E", false)]
    [InlineData("<b>Anne</b>", false)]
    public void Names_are_letters_spaces_hyphens_and_apostrophes(string name, bool valid) => Assert.Equal(valid, TextRules.IsPlainName(name));

    [Fact]
    public void Search_terms_lose_invisible_characters_but_keep_the_rest()
    {
        Assert.Equal("Kerjean <b>", TextRules.WithoutControl("Ker\u0000jean\u200B <b>\u202E"));
    }

    [Fact]
    public void Long_text_may_hold_markup_and_line_breaks_but_no_control_characters()
    {
        Assert.True(TextRules.HasNoControl("Ligne 1\r\nLigne 2\t<b>gras</b>"));
        Assert.False(TextRules.HasNoControl("bip\u0007"));
        Assert.False(TextRules.HasNoMarkupOrControl("<b>gras</b>"));
    }

    [Theory]
    [InlineData(typeof(DateOnly?), "Saisissez une date qui existe, au format jj/mm/aaaa.")]
    [InlineData(typeof(int), "Saisissez un nombre entier, en chiffres.")]
    [InlineData(typeof(List<DayOfWeek>), "Choisissez une valeur proposée dans la liste.")]
    [InlineData(typeof(Guid?), "Choisissez une valeur proposée dans la liste.")]
    [InlineData(typeof(TimeOnly), "Saisissez une heure valide, par exemple 14:30.")]
    [InlineData(null, "La valeur saisie n'est pas valide.")]
    public void Unreadable_values_get_a_french_message_by_type(Type? type, string message) =>
        Assert.Equal(message, ValidationExtensions.MessageFor(type));
}
