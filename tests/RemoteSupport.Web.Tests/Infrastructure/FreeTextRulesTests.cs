using FluentValidation;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Tests.Infrastructure;

/// <summary>The one wording of a free-text field's rules (no database, no HTTP).</summary>
public sealed class FreeTextRulesTests
{
    private sealed class Note
    {
        public string? Reason { get; set; }
        public string? Topics { get; set; }
    }

    private sealed class NoteValidator : AbstractValidator<Note>
    {
        public NoteValidator()
        {
            RuleFor(n => n.Reason).FreeText("Le motif", 1000, required: "Indiquez le motif.");
            RuleFor(n => n.Topics).FreeText("Les sujets", 20, plural: true);
        }
    }

    private static Dictionary<string, string> Errors(Note note) =>
        new NoteValidator().Validate(note).Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);

    [Fact]
    public void A_required_field_says_what_to_write_and_an_optional_one_may_stay_empty()
    {
        var errors = Errors(new Note { Reason = "   " });
        Assert.Equal("Indiquez le motif.", errors["Reason"]);
        Assert.False(errors.ContainsKey("Topics"));
        Assert.Empty(Errors(new Note { Reason = "Déménagement" }));
    }

    [Fact]
    public void The_limit_is_said_with_its_number_in_french_and_one_message_at_a_time()
    {
        var errors = Errors(new Note { Reason = new string('a', 1001) + "\u0000", Topics = new string('b', 21) });
        Assert.Equal("Le motif ne peut pas dépasser 1\u00A0000 caractères.", errors["Reason"]);
        Assert.Equal("Les sujets ne peuvent pas dépasser 20 caractères.", errors["Topics"]);
    }

    [Fact]
    public void Control_and_invisible_characters_are_refused_and_markup_is_not()
    {
        var errors = Errors(new Note { Reason = "Rendez-vous\u202Eannulé", Topics = "budget\u0007" });
        Assert.Equal("Le motif contient des caractères non autorisés.", errors["Reason"]);
        Assert.Equal("Les sujets contiennent des caractères non autorisés.", errors["Topics"]);
        Assert.Empty(Errors(new Note { Reason = "<b>urgent</b>\nà rappeler", Topics = "a < b" }));
    }
}
