using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Persons;

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

    private readonly ConcurrentDictionary<DemoUser, Task<string>> _signedIn = new();
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
            StorageState = user is null ? null : await _signedIn.GetOrAdd(user, SignInOnceAsync),
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
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Opens the page as its user would and checks it really is that page (status, no detour to the sign-in form).
    /// With SubmitEmpty, then sends its form empty.
    /// </summary>
    public async Task<IPage> OpenAsync(IBrowserContext context, SitePage sitePage)
    {
        var path = await ResolveAsync(sitePage.Path, sitePage.As);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Status == sitePage.Status, $"{sitePage.Name}: GET {path} answered {response.Status}, expected {sitePage.Status}.");
        Assert.Equal(path.Split('?')[0], new Uri(page.Url).AbsolutePath);
        if (sitePage.SubmitEmpty)
        {
            var form = page.Locator("main form[method=post]").First;
            foreach (var field in await form.Locator("input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea").AllAsync())
                await field.FillAsync("");
            await form.Locator("button[type=submit]").First.ClickAsync();
            // The page before sending has no summary: seeing one means the answer to the empty form has arrived.
            await page.Locator(".error-summary").WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        return page;
    }

    /// <summary>
    /// Replaces placeholders in a path with ids the user may open. {person}: the first active person, by name, of
    /// the user's caseload (a team lead: of their department). {department}: the user's own department. Add a placeholder here for a new kind of record.
    /// </summary>
    public async Task<string> ResolveAsync(string path, DemoUser? user)
    {
        if (!path.Contains('{', StringComparison.Ordinal)) return path;
        if (user is null) throw new InvalidOperationException($"{path}: a placeholder needs a signed-in user.");
        if (path.Contains("{person}", StringComparison.Ordinal))
        {
            var id = await App.WithDbAsync(async db =>
            {
                var account = await db.Users.AsNoTracking().SingleAsync(u => u.Email == user.Email);
                return await db.Persons.AsNoTracking()
                    .Where(p => p.Status == PersonStatus.Active && p.DepartmentId == account.DepartmentId)
                    .OrderBy(p => p.ReferentId == account.Id ? 0 : 1).ThenBy(p => p.LastName).ThenBy(p => p.FirstName)
                    .Select(p => p.Id).FirstAsync();
            });
            path = path.Replace("{person}", id.ToString(), StringComparison.Ordinal);
        }
        if (path.Contains("{department}", StringComparison.Ordinal))
        {
            var departmentId = await App.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Email == user.Email).Select(u => u.DepartmentId).SingleAsync());
            path = path.Replace("{department}", departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        if (path.Contains('{', StringComparison.Ordinal)) throw new InvalidOperationException($"{path}: unknown placeholder (see Site.ResolveAsync).");
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Site>
{
    public const string Name = "browser";
}
