namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>Pictures of the pages for the README, in docs/screenshots/: the visible window only, to stay small.</summary>
public static class Screenshots
{
    public static readonly string Folder = Repo.Path("docs", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        var png = await page.ScreenshotAsync(new() { Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        Assert.True(png.Length > 1000, $"{name}: the screenshot is empty.");
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, name + ".png");
        // Rewrite only a picture that changed, so a run does not touch files git already has.
        if (!File.Exists(file) || !(await File.ReadAllBytesAsync(file)).AsSpan().SequenceEqual(png))
            await File.WriteAllBytesAsync(file, png);
    }
}
