using System.Globalization;
using System.Text;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// CSV for French spreadsheets (docs/decisions/ADR-0010-csv-export.md): UTF-8 with a byte-order mark so Excel reads the
/// accents, ';' between cells and a decimal comma as French Excel expects, CRLF line ends, RFC 4180 quoting, and no
/// formula injection: a text cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
/// </summary>
public sealed class Csv
{
    public const char Separator = ';';
    public const string ContentType = "text/csv; charset=utf-8";
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private readonly StringBuilder _text = new();

    public Csv Row(params object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _text.Append(Separator);
            _text.Append(Cell(cells[i]));
        }
        _text.Append("\r\n");
        return this;
    }

    /// <summary>The file's bytes, byte-order mark first.</summary>
    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    public static string Cell(object? value) => value switch
    {
        null => "",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => d.ToString("0.##", French),
        decimal m => m.ToString("0.##", French),
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>
    /// Neutralises what Excel, LibreOffice or Google Sheets would evaluate (= + - @, and tab or line breaks that can
    /// start one, also after leading spaces), then quotes when the cell holds a separator, a quote, a line break or
    /// leading or trailing spaces.
    /// </summary>
    public static string Text(string value)
    {
        var trimmed = value.TrimStart(' ');
        if (trimmed.Length > 0 && trimmed[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '＝' or '＋' or '－' or '＠')
            value = "'" + value;
        var needsQuotes = value.AsSpan().IndexOfAny(";\"\r\n\t") >= 0 || value.StartsWith(' ') || value.EndsWith(' ');
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
