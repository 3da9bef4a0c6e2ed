using System.Text.RegularExpressions;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>Shape rules for free text, shared by every form.</summary>
public static partial class TextRules
{
    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '’\-\.]*$")]
    private static partial Regex NamePattern();

    // No control or invisible formatting character either (\p{C}): PostgreSQL refuses NUL, and a zero-width
    // character would make two addresses look the same.
    [GeneratedRegex(@"^[^@\s<>""\p{C}]+@[^@\s<>""\p{C}]+\.[^@\s<>""\p{C}]{2,}$")]
    private static partial Regex EmailPattern();

    public static bool IsPlainName(string? s) => string.IsNullOrEmpty(s) || NamePattern().IsMatch(s.Trim());
    public static bool IsEmail(string s) => EmailPattern().IsMatch(s);

    /// <summary>No HTML markup and no invisible control or formatting characters (bidi overrides, zero-width…).</summary>
    public static bool HasNoMarkupOrControl(string? s) =>
        string.IsNullOrEmpty(s) || (!s.Contains('<') && !s.Contains('>') && HasNoControl(s));

    /// <summary>For search terms: drops control and invisible formatting characters instead of refusing the search (PostgreSQL refuses NUL).</summary>
    public static string WithoutControl(string s) =>
        new(s.Where(c => !char.IsControl(c) && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());

    /// <summary>For long free text (notes, summaries): control and invisible formatting characters are refused, markup is allowed and always encoded on display.</summary>
    public static bool HasNoControl(string? s) =>
        string.IsNullOrEmpty(s) || s.All(c => (!char.IsControl(c) || c is '\n' or '\r' or '\t')
            && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format);
}

public static partial class PhoneNumbers
{
    // [0-9], not \d: \d also matches Arabic-Indic or full-width digits, which no phone can dial.
    [GeneratedRegex(@"^(?:0[1-9][0-9]{8}|\+33[1-9][0-9]{8})$")]
    private static partial Regex FrenchPhone();

    private static string Compact(string s) => new(s.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').ToArray());

    public static bool IsValid(string? phone) => string.IsNullOrWhiteSpace(phone) || (phone.Length <= 25 && FrenchPhone().IsMatch(Compact(phone)));

    /// <summary>Stores "06 12 34 56 78" whatever the spacing typed.</summary>
    public static string? Normalize(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var compact = Compact(phone);
        if (compact.StartsWith("+33", StringComparison.Ordinal)) compact = "0" + compact[3..];
        return string.Join(' ', Enumerable.Range(0, 5).Select(i => compact.Substring(i * 2, 2)));
    }
}
