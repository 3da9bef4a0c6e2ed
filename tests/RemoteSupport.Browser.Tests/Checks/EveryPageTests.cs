using System.Collections.Concurrent;
using RemoteSupport.Browser.Tests.Infrastructure;

namespace RemoteSupport.Browser.Tests.Checks;

/// <summary>
/// What every page of <see cref="SitePages.All"/> must hold, checked in Chromium from one visit of the page: the
/// first load (weight, hosts asked), then at 375 px (no sideways scrolling), then at 1280 px (axe WCAG 2.1 A and
/// AA, visible labels). Every problem found is reported together. The pages are shared between two classes that
/// run in parallel.
/// </summary>
public abstract class EveryPageTests(Site site) : BrowserTest(site)
{
    private const int MaxFirstLoadBytes = 100 * 1024;

    private const string Unlabelled = """
        () => [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden')
          .filter(e => !(e.labels && [...e.labels].some(l => l.innerText.trim())) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
          .map(e => e.name || e.id || e.outerHTML)
        """;

    protected async Task CheckAsync(string name)
    {
        var sitePage = SitePages.Named(name);
        var context = await NewContextAsync(sitePage.As, width: 375, height: 740);
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        // The first load, with an empty cache: the GET of the page, before any form is sent.
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        var requested = new ConcurrentQueue<IRequest>();
        var finished = new ConcurrentQueue<IRequest>();
        var failed = new ConcurrentQueue<string>();
        void OnRequest(object? _, IRequest r) => requested.Enqueue(r);
        void OnFinished(object? _, IRequest r) => finished.Enqueue(r);
        void OnFailed(object? _, IRequest r) => failed.Enqueue($"{r.Url} ({r.Failure})");
        context.Request += OnRequest;
        context.RequestFinished += OnFinished;
        context.RequestFailed += OnFailed;
        await Site.GotoAsync(page, sitePage);
        // The load event comes once the page and its assets are in; their "finished" events may trail a little.
        for (var wait = 0; wait < 40 && finished.Count + failed.Count < requested.Count; wait++) await Task.Delay(50);
        context.Request -= OnRequest;
        context.RequestFinished -= OnFinished;
        context.RequestFailed -= OnFailed;
        await FirstLoadProblemsAsync(requested, finished, failed, problems);

        if (sitePage.SubmitEmpty) await Site.SubmitEmptyAsync(page);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] > widths[1]) problems.Add($"It scrolls sideways at 375 px: content is {widths[0]} px wide for a {widths[1]} px window.");
        if (sitePage.Picture) await Screenshots.SaveAsync(page, $"{name}-phone");

        await page.SetViewportSizeAsync(1280, 800);
        var violations = await Axe.ViolationsAsync(page);
        if (violations.Count > 0) problems.Add($"axe found:\n{string.Join("\n", violations)}");
        var unlabelled = await page.EvaluateAsync<string[]>(Unlabelled);
        if (unlabelled.Length > 0) problems.Add($"Fields without a visible label: {string.Join(", ", unlabelled)}");
        if (sitePage.Picture) await Screenshots.SaveAsync(page, $"{name}-desktop");

        Assert.True(problems.Count == 0, $"{name} ({page.Url}):\n- {string.Join("\n- ", problems)}");
    }

    private async Task FirstLoadProblemsAsync(IEnumerable<IRequest> requested, IEnumerable<IRequest> finished, IEnumerable<string> failed, List<string> problems)
    {
        var elsewhere = requested.Select(r => r.Url).Where(url => !url.StartsWith(Site.Origin + "/", StringComparison.Ordinal)).ToList();
        if (elsewhere.Count > 0) problems.Add($"It asked another host: {string.Join(", ", elsewhere)}");
        if (failed.Any()) problems.Add($"Requests failed: {string.Join(", ", failed)}");

        long total = 0;
        var lines = new List<string>();
        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            var bytes = sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            total += bytes;
            lines.Add($"{request.Url} {bytes} B");
        }
        if (lines.Count < 2) problems.Add($"Expected the page and its stylesheet at least, saw {string.Join(", ", lines)}");
        if (total >= MaxFirstLoadBytes) problems.Add($"The first load transfers {total} bytes (limit {MaxFirstLoadBytes}):\n{string.Join("\n", lines)}");
    }
}

public sealed class PublicAndSocialWorkerPageTests(Site site) : EveryPageTests(site)
{
    [Theory]
    [MemberData(nameof(SitePages.ForEveryoneAndSocialWorkers), MemberType = typeof(SitePages))]
    public Task Meets_WCAG_2_1_AA_labels_every_field_weighs_under_100_KB_asks_only_the_app_and_fits_375_px(string name) => CheckAsync(name);
}

public sealed class TeamLeadAndAdministratorPageTests(Site site) : EveryPageTests(site)
{
    [Theory]
    [MemberData(nameof(SitePages.ForLeadsAndAdministrators), MemberType = typeof(SitePages))]
    public Task Meets_WCAG_2_1_AA_labels_every_field_weighs_under_100_KB_asks_only_the_app_and_fits_375_px(string name) => CheckAsync(name);
}
