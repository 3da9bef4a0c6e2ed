using System.Globalization;
using System.Text;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// Just enough of RFC 5545 to publish events: CRLF line ends, TEXT values escaped (§3.3.11), lines folded at
/// 75 octets without splitting a UTF-8 character (§3.1), times in UTC.
/// </summary>
public sealed class ICalendarWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>A property whose value is already in iCalendar syntax (a keyword, an id, a number).</summary>
    public ICalendarWriter Raw(string name, string value)
    {
        _text.Append(Fold($"{name}:{value}")).Append("\r\n");
        return this;
    }

    /// <summary>A TEXT property: backslashes, semicolons, commas and line breaks are escaped.</summary>
    public ICalendarWriter Text(string name, string value) => Raw(name, Escape(value));

    public ICalendarWriter Time(string name, DateTimeOffset at) => Raw(name, FormatUtc(at));

    public override string ToString() => _text.ToString();

    public static string FormatUtc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Splits a content line into chunks of at most 75 octets; each continuation starts with one space.</summary>
    public static string Fold(string line)
    {
        const int limit = 75;
        var result = new StringBuilder(line.Length + 8);
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                result.Append("\r\n ");
                octets = 1;
            }
            result.Append(rune.ToString());
            octets += size;
        }
        return result.ToString();
    }
}
