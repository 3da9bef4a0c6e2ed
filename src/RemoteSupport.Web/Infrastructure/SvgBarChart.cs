using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// A horizontal bar chart drawn on the server as inline SVG: readable without JavaScript, styled by site.css, and
/// described for screen readers by its title and a text alternative that states every value. Pages show the same
/// figures in a data table beside it.
/// </summary>
public static class SvgBarChart
{
    public sealed record Bar(string Label, double Value, string Display);

    private const int Width = 640, LabelWidth = 190, ValueWidth = 80, BarHeight = 26, Gap = 10;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<Bar> bars, double? max = null)
    {
        var enc = HtmlEncoder.Default;
        var top = bars.Count == 0 ? 1 : Math.Max(max ?? bars.Max(b => b.Value), 1e-9);
        var height = Math.Max(1, bars.Count) * (BarHeight + Gap) + Gap;
        var room = Width - LabelWidth - ValueWidth;
        var description = bars.Count == 0 ? "Aucune donnée." : string.Join(" ; ", bars.Select(b => $"{b.Label} : {b.Display}")) + ".";
        var svg = new StringBuilder();
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{enc.Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{enc.Encode(description)}</desc>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Gap + i * (BarHeight + Gap);
            var w = Math.Max(0, bar.Value) / top * room;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{y + BarHeight * 0.68:0.#}\" text-anchor=\"end\">{enc.Encode(bar.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" fill=\"#000091\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{N(w)}\" height=\"{BarHeight}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"value\" x=\"{N(LabelWidth + w + 6)}\" y=\"{y + BarHeight * 0.68:0.#}\">{enc.Encode(bar.Display)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
