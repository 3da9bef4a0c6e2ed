using System.Collections.Concurrent;
using RemoteSupport.Browser.Tests.Infrastructure;

namespace RemoteSupport.Browser.Tests.Checks;

/// <summary>What every page of <see cref="SitePages.All"/> must hold, checked in Chromium.</summary>
public sealed class EveryPageTests(Site site) : BrowserTest(site)
{
    private const int MaxFirstLoadBytes = 100 * 1024;

    [Theory]
    [MemberData(nameof(SitePages.Everything), MemberType = typeof(SitePages))]
    public async Task Has_no_WCAG_2_1_A_or_AA_violation_and_labels_every_field(string name)
    {
        var sitePage = SitePages.Named(name);
        var page = await Site.OpenAsync(await NewContextAsync(sitePage.As), sitePage);

        var violations = await Axe.ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe found on {name} ({page.Url}):\n{string.Join("\n", violations)}");

        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea')]
              .filter(e => e.type !== 'hidden')
              .filter(e => !(e.labels && [...e.labels].some(l => l.innerText.trim())) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
              .map(e => e.name || e.id || e.outerHTML)
            """);
        Assert.True(unlabelled.Length == 0, $"Fields without a visible label on {name}: {string.Join(", ", unlabelled)}");
    }

    [Theory]
    [MemberData(nameof(SitePages.FirstLoads), MemberType = typeof(SitePages))]
    public async Task First_load_weighs_under_100_KB_and_asks_only_the_app(string name)
    {
        var sitePage = SitePages.Named(name);
        var context = await NewContextAsync(sitePage.As);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        var requested = new ConcurrentQueue<IRequest>();
        var finished = new ConcurrentQueue<IRequest>();
        var failed = new ConcurrentQueue<string>();
        context.Request += (_, request) => requested.Enqueue(request);
        context.RequestFinished += (_, request) => finished.Enqueue(request);
        context.RequestFailed += (_, request) => failed.Enqueue($"{request.Url} ({request.Failure})");

        var path = await Site.ResolveAsync(sitePage.Path, sitePage.As);
        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        Assert.Equal(sitePage.Status, response!.Status);
        // The load event comes once the page and its assets are in; their "finished" events may trail a little.
        for (var wait = 0; wait < 40 && finished.Count + failed.Count < requested.Count; wait++) await Task.Delay(50);

        var elsewhere = requested.Select(r => r.Url).Where(url => !url.StartsWith(Site.Origin + "/", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, $"{name} asked another host: {string.Join(", ", elsewhere)}");
        Assert.True(failed.IsEmpty, $"{name}: requests failed: {string.Join(", ", failed)}");

        long total = 0;
        var lines = new List<string>();
        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            var bytes = sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            total += bytes;
            lines.Add($"{request.Url} {bytes} B");
        }
        Assert.True(finished.Count >= 2, $"{name}: expected the page and its stylesheet at least, saw {string.Join(", ", lines)}");
        Assert.True(total < MaxFirstLoadBytes, $"{name} transfers {total} bytes on first load (limit {MaxFirstLoadBytes}):\n{string.Join("\n", lines)}");
    }

    [Theory]
    [MemberData(nameof(SitePages.Everything), MemberType = typeof(SitePages))]
    public async Task Fits_a_375_px_phone_without_sideways_scrolling(string name)
    {
        var sitePage = SitePages.Named(name);
        var page = await Site.OpenAsync(await NewContextAsync(sitePage.As, width: 375, height: 740), sitePage);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{name} scrolls sideways at 375 px: content is {widths[0]} px wide for a {widths[1]} px window.");
        if (!sitePage.Picture) return;
        await Screenshots.SaveAsync(page, $"{name}-phone");
        await page.SetViewportSizeAsync(1280, 800);
        await Screenshots.SaveAsync(page, $"{name}-desktop");
    }
}
