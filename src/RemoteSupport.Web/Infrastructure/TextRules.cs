using System.Text.RegularExpressions;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>Shape rules for free text, shared by every form.</summary>
public static partial class TextRules
{
    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '’\-\.]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]{2,}$")]
    private static partial Regex EmailPattern();

    public static bool IsPlainName(string? s) => string.IsNullOrEmpty(s) || NamePattern().IsMatch(s.Trim());
    public static bool IsEmail(string s) => EmailPattern().IsMatch(s);

    /// <summary>No HTML markup and no invisible control or formatting characters (bidi overrides, zero-width…).</summary>
    public static bool HasNoMarkupOrControl(string? s) =>
        string.IsNullOrEmpty(s) || (!s.Contains('<') && !s.Contains('>') && HasNoControl(s));

    /// <summary>For long free text (notes, summaries): control and invisible formatting characters are refused, markup is allowed and always encoded on display.</summary>
    public static bool HasNoControl(string? s) =>
        string.IsNullOrEmpty(s) || s.All(c => (!char.IsControl(c) || c is '\n' or '\r' or '\t')
            && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format);
}

public static partial class PhoneNumbers
{
    [GeneratedRegex(@"^(?:0[1-9]\d{8}|\+33[1-9]\d{8})$")]
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
