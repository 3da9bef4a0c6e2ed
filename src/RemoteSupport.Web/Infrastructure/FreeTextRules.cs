using System.Globalization;
using FluentValidation;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// The one wording of a free-text field's rules, for every form: filled in (when it must be), no longer than the limit
/// declared with its column, and no control or invisible formatting character — « Le motif ne peut pas dépasser
/// 500 caractères. », « Le motif contient des caractères non autorisés. ». Markup is allowed (always encoded on display).
/// </summary>
public static class FreeTextRules
{
    /// <param name="label">The field as the message names it, capitalised: « Le motif », « Les règles de parole ».</param>
    /// <param name="required">The message for an empty field, or null when it may stay empty.</param>
    /// <param name="plural">The label is plural (« ne peuvent pas », « contiennent »).</param>
    public static IRuleBuilderOptions<T, string?> FreeText<T>(this IRuleBuilderInitial<T, string?> rule, string label, int maxLength,
        string? required = null, bool plural = false)
    {
        IRuleBuilder<T, string?> chain = rule.Cascade(CascadeMode.Stop);
        if (required is not null) chain = chain.NotEmpty().WithMessage(required);
        return chain.MaximumLength(maxLength).WithMessage(TooLong(label, maxLength, plural))
            .Must(TextRules.HasNoControl).WithMessage($"{label} {(plural ? "contiennent" : "contient")} des caractères non autorisés.");
    }

    /// <summary>« Le motif ne peut pas dépasser 500 caractères. »</summary>
    public static string TooLong(string label, int maxLength, bool plural = false) =>
        $"{label} {(plural ? "ne peuvent" : "ne peut")} pas dépasser {Count(maxLength)} caractères.";

    /// <summary>1000 → « 1 000 », with a no-break space so that the number stays on one line.</summary>
    private static string Count(int n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '\u00A0');
}
