using System.Text.Json;

namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>Moving through a page with the keyboard alone, checking at every stop that focus can be seen.</summary>
public static class Keys
{
    private const string Focused = """
        ([selector, text]) => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const s = getComputedStyle(e);
          return {
            matches: e.matches(selector) && (text === null || e.innerText.trim() === text),
            what: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.innerText || e.value || e.name || '').trim().slice(0, 40)}"`,
            outline: s.outlineStyle,
            width: parseFloat(s.outlineWidth) || 0,
          };
        }
        """;

    /// <summary>
    /// Presses Tab until the element matching the selector (and showing that text, when given) has focus. Every
    /// element met on the way must show a focus outline of at least 2 px (RGAA 10.7).
    /// </summary>
    public static async Task TabToAsync(IPage page, string selector, string? text = null, int maxStops = 150)
    {
        var path = new List<string>();
        for (var i = 0; i < maxStops; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<JsonElement?>(Focused, new object?[] { selector, text });
            if (focus is not { ValueKind: JsonValueKind.Object } f) { path.Add("(nothing)"); continue; }
            var what = f.GetProperty("what").GetString()!;
            path.Add(what);
            Assert.True(f.GetProperty("outline").GetString() != "none" && f.GetProperty("width").GetDouble() >= 2,
                $"Focus is not visible on {what} ({page.Url}): outline {f.GetProperty("outline").GetString()} {f.GetProperty("width").GetDouble()}px.");
            if (f.GetProperty("matches").GetBoolean()) return;
        }
        Assert.Fail($"Tab never reached {selector} {text} on {page.Url}; stops: {string.Join(" → ", path)}");
    }

    public static Task TypeAsync(IPage page, string text) => page.Keyboard.TypeAsync(text);
    public static Task EnterAsync(IPage page) => page.Keyboard.PressAsync("Enter");
    public static Task SpaceAsync(IPage page) => page.Keyboard.PressAsync("Space");
}
