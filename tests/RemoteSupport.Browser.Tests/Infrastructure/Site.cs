using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;

// One site for the whole project, shared by every test class (see BrowserTest for which classes run in parallel).
[assembly: AssemblyFixture(typeof(Site))]

namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>
/// One server and one Chromium for the whole project. Each test opens its own fresh browser context (no cookie,
/// no cache) with <see cref="NewContextAsync"/>. If Chromium cannot start, every test fails with the reason:
/// nothing is skipped.
/// </summary>
public sealed class Site : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Headless as root on a machine without display or outside network (docs/decisions/ADR-0009-browser-tests.md).
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    // Lazy: two test classes running in parallel that need the same account still sign in once.
    private readonly ConcurrentDictionary<DemoUser, Lazy<Task<string>>> _signedIn = new();
    private IPlaywright? _playwright;

    public BrowserApp App { get; } = new();
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>"http://127.0.0.1:port", without a trailing slash.</summary>
    public string Origin => App.BaseAddress.GetLeftPart(UriPartial.Authority);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run scripts/install-browser.sh as root (./test.sh does), or apt-get install chromium.");
        try
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Chromium at {ChromiumPath} could not be launched by Playwright: {e.Message}", e);
        }
        await App.StartAsync();
        Current = this;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>
    /// A fresh context (empty cache), signed in as the user when one is given: the cookies come from a sign-in done
    /// once per account through the real form.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(DemoUser? user = null, int width = 1280, int height = 800)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = Origin,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            StorageState = user is null ? null : await _signedIn.GetOrAdd(user, u => new Lazy<Task<string>>(() => SignInOnceAsync(u))).Value,
        };
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    private async Task<string> SignInOnceAsync(DemoUser user)
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Origin, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await SignInAsync(page, user);
        return await context.StorageStateAsync();
    }

    /// <summary>Signs in through the sign-in form, as a person would, and waits for the page that follows.</summary>
    public static async Task SignInAsync(IPage page, DemoUser user)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(user.Email);
        await page.GetByLabel("Mot de passe").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        var refusal = page.Locator(".error-summary");
        var signedIn = page.GetByRole(AriaRole.Link, new() { Name = "Se déconnecter" });
        var code = page.GetByLabel("Code", new() { Exact = true });
        await refusal.Or(signedIn).Or(code).First.WaitForAsync(new() { Timeout = 30_000 });
        if (await refusal.IsVisibleAsync()) throw new InvalidOperationException($"{user} could not sign in: {await refusal.InnerTextAsync()}");
        if (await code.IsVisibleAsync()) await CompleteSecondFactorAsync(page, user);
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal) && !url.Contains("/Account/SecondFactor", StringComparison.Ordinal));
    }

    /// <summary>
    /// The demo administrator and team leads sign in with the demo authenticator key (README): the code is computed as
    /// their app would, at the app's fixed "now". That clock never moves, so the step already used is forgotten first
    /// (the refusal of a replayed code is tested in RemoteSupport.Web.Tests).
    /// </summary>
    public static async Task CompleteSecondFactorAsync(IPage page, DemoUser user)
    {
        // Tests run in parallel and the clock never moves: two sign-ins of one account in the same step would see each
        // other's code as a replay. One second-factor step at a time.
        await SecondFactorGate.WaitAsync();
        try
        {
            await CompleteSecondFactorOnceAsync(page, user);
        }
        finally
        {
            SecondFactorGate.Release();
        }
    }

    private static readonly SemaphoreSlim SecondFactorGate = new(1, 1);

    private static async Task CompleteSecondFactorOnceAsync(IPage page, DemoUser user)
    {
        await Current!.App.WithDbAsync(db => db.Users.Where(u => u.Email == user.Email)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, (long?)null)));
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Demo.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        var refusal = page.Locator(".error-summary");
        await refusal.Or(page.GetByRole(AriaRole.Link, new() { Name = "Se déconnecter" })).First.WaitForAsync(new() { Timeout = 30_000 });
        if (await refusal.IsVisibleAsync()) throw new InvalidOperationException($"{user}: second factor refused: {await refusal.InnerTextAsync()}");
    }

    /// <summary>The site of this test run (one per project).</summary>
    public static Site? Current { get; private set; }

    /// <summary>
    /// Opens the page as its user would and checks it really is that page (status, no detour to the sign-in form).
    /// With SubmitEmpty, then sends its form empty.
    /// </summary>
    public async Task<IPage> OpenAsync(IBrowserContext context, SitePage sitePage)
    {
        var page = await context.NewPageAsync();
        await GotoAsync(page, sitePage);
        if (sitePage.SubmitEmpty) await SubmitEmptyAsync(page);
        return page;
    }

    /// <summary>Loads the page in the tab and checks it is the page asked for, with the expected status.</summary>
    public async Task GotoAsync(IPage page, SitePage sitePage)
    {
        var path = await ResolveAsync(sitePage.Path, sitePage.As);
        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Status == sitePage.Status, $"{sitePage.Name}: GET {path} answered {response.Status}, expected {sitePage.Status}.");
        Assert.Equal(path.Split('?')[0], new Uri(page.Url).AbsolutePath);
    }

    /// <summary>Empties every text field of the page's first form, sends it, and waits for the answer with its errors.</summary>
    public static async Task SubmitEmptyAsync(IPage page)
    {
        var form = page.Locator("main form[method=post]").First;
        foreach (var field in await form.Locator("input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea").AllAsync())
            await field.FillAsync("");
        await form.Locator("button[type=submit]").First.ClickAsync();
        // The page before sending has no summary: seeing one means the answer to the empty form has arrived.
        await page.Locator(".error-summary").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>
    /// Replaces placeholders in a path with ids the user may open, always the same ones for the same demo data:
    /// {person}: the first active person, by name, of the user's caseload (a team lead: of their department).
    /// {interview}: the user's first planned interview that has a checklist. {follow-up}: the first open follow-up
    /// action of a person they follow. {department}: the user's own department. {team}, {video-tool}: the first
    /// of that department, by name. {user}: the first other account of that department, by address.
    /// {checklist-version}: the video checklist in force in that department. Add a placeholder here for a new kind
    /// of record.
    /// </summary>
    public async Task<string> ResolveAsync(string path, DemoUser? user)
    {
        if (!path.Contains('{', StringComparison.Ordinal)) return path;
        if (user is null) throw new InvalidOperationException($"{path}: a placeholder needs a signed-in user.");
        var account = await App.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Email == user.Email)
            .Select(u => new { u.Id, u.DepartmentId }).SingleAsync());
        var values = new Dictionary<string, Func<Task<string>>>
        {
            ["{person}"] = () => App.WithDbAsync(async db => (await db.Persons.AsNoTracking()
                .Where(p => p.Status == PersonStatus.Active && p.DepartmentId == account.DepartmentId)
                .OrderBy(p => p.ReferentId == account.Id ? 0 : 1).ThenBy(p => p.LastName).ThenBy(p => p.FirstName)
                .Select(p => p.Id).FirstAsync()).ToString()),
            ["{interview}"] = () => App.WithDbAsync(async db => (await db.Interviews.AsNoTracking()
                .Where(i => i.WorkerId == account.Id && i.Status == InterviewStatus.Planned && i.Checklist.Count > 0)
                .OrderBy(i => i.ScheduledAt).ThenBy(i => i.Id).Select(i => i.Id).FirstAsync()).ToString()),
            ["{follow-up}"] = () => App.WithDbAsync(async db => (await db.FollowUpActions.AsNoTracking()
                .Where(a => a.DoneAt == null && db.Persons.Any(p => p.Id == a.PersonId && p.ReferentId == account.Id))
                .OrderBy(a => a.DueOn).ThenBy(a => a.Id).Select(a => a.Id).FirstAsync()).ToString()),
            ["{department}"] = () => Task.FromResult(account.DepartmentId.ToString(CultureInfo.InvariantCulture)),
            ["{team}"] = () => App.WithDbAsync(async db => (await db.Teams.AsNoTracking()
                .Where(t => t.DepartmentId == account.DepartmentId).OrderBy(t => t.Name).Select(t => t.Id).FirstAsync()).ToString(CultureInfo.InvariantCulture)),
            ["{video-tool}"] = () => App.WithDbAsync(async db => (await db.VideoTools.AsNoTracking()
                .Where(t => t.DepartmentId == account.DepartmentId).OrderBy(t => t.Name).Select(t => t.Id).FirstAsync()).ToString()),
            ["{user}"] = () => App.WithDbAsync(async db => (await db.Users.AsNoTracking()
                .Where(u => u.DepartmentId == account.DepartmentId && u.Id != account.Id).OrderBy(u => u.Email).Select(u => u.Id).FirstAsync()).ToString()),
            ["{checklist-version}"] = () => App.WithDbAsync(async db => (await db.ChecklistTemplates.AsNoTracking()
                .Where(t => t.DepartmentId == account.DepartmentId && t.Modality == Modality.Video && t.PublishedAt != null)
                .OrderByDescending(t => t.Version).Select(t => t.Id).FirstAsync()).ToString()),
        };
        foreach (var (placeholder, value) in values)
            if (path.Contains(placeholder, StringComparison.Ordinal)) path = path.Replace(placeholder, await value(), StringComparison.Ordinal);
        if (path.Contains('{', StringComparison.Ordinal)) throw new InvalidOperationException($"{path}: unknown placeholder (see Site.ResolveAsync).");
        return path;
    }
}
