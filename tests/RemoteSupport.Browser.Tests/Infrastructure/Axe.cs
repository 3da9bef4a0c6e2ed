using System.Text.Json;

namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>
/// axe-core, installed from npm by scripts/install-browser.sh into an ignored folder, run inside the page with the
/// WCAG 2.1 level A and AA rules.
/// </summary>
public static class Axe
{
    public static readonly string ScriptPath = Repo.Path("tests", "RemoteSupport.Browser.Tests", ".axe", "node_modules", "axe-core", "axe.min.js");
    private static readonly Lazy<string> Source = new(() => File.Exists(ScriptPath)
        ? File.ReadAllText(ScriptPath)
        : throw new InvalidOperationException($"axe-core is missing at {ScriptPath}: run scripts/install-browser.sh (./test.sh does)."));

    private const string Run = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            resultTypes: ['violations'],
          });
          return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}\n` +
            v.nodes.map(n => `    ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n'));
        }
        """;

    /// <summary>The violations found on the page as it is now, one readable line group each.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (script-src 'self') allows.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        var violations = await page.EvaluateAsync<JsonElement>(Run);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }
}
