using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Pages.Account;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Account;

public sealed class LoginTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        var page = await Anonymous().GetAsync("/Persons");
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Contains("Connexion à RemoteSupport", page.Text);
    }

    [Fact]
    public async Task Signing_in_with_the_right_password_opens_the_home_page()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Léa Travailleuse", page.Text);
        Assert.Contains("Ma file active", page.Text);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_telling_which_part_is_wrong()
    {
        var page = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = "Mauvais!MotDePasse1" });
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", page.Summary);
        Assert.Equal(World.Worker56.Email, page.ValueOf("Input.Email"));

        var unknown = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = "personne@nulle.part", ["Input.Password"] = "Mauvais!MotDePasse1" });
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", unknown.Summary);
    }

    [Fact]
    public async Task Empty_fields_get_a_message_next_to_each()
    {
        var page = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        Assert.Equal("Saisissez votre adresse électronique.", page.ErrorFor("Input.Email"));
        Assert.Equal("Saisissez votre mot de passe.", page.ErrorFor("Input.Password"));
        Assert.Equal("true", page.Document.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password_without_saying_so()
    {
        var client = Anonymous();
        for (var i = 0; i < 5; i++)
            await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = "Mauvais!MotDePasse1" });

        var page = await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Equal(Login.BadCredentials, page.Document.QuerySelector(".error-summary li")?.TextContent.Trim());
        var lockoutEnd = await Factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == World.Worker56.Id).LockoutEnd));
        Assert.Equal(TestClock.Start.AddMinutes(1), lockoutEnd);
    }

    [Fact]
    public async Task Each_further_lock_lasts_longer_and_a_successful_sign_in_starts_again_from_the_shortest()
    {
        var client = Anonymous();
        async Task FailFiveTimes()
        {
            for (var i = 0; i < 5; i++)
                await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = "Mauvais!MotDePasse1" });
        }
        Task<AppUserRow> Stored() => Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Worker56.Id)
            .Select(u => new AppUserRow(u.LockoutEnd, u.LockoutCount)).SingleAsync());

        await FailFiveTimes();
        Assert.Equal(new AppUserRow(TestClock.Start.AddMinutes(1), 1), await Stored());
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await FailFiveTimes();
        Assert.Equal(new AppUserRow(Factory.Clock.GetUtcNow().AddMinutes(2), 2), await Stored());
        Factory.Clock.Advance(TimeSpan.FromMinutes(3));
        await FailFiveTimes();
        Assert.Equal(new AppUserRow(Factory.Clock.GetUtcNow().AddMinutes(4), 3), await Stored());

        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await SignInAsync(World.Worker56);
        Assert.Equal(0, (await Stored()).LockoutCount);
    }

    private sealed record AppUserRow(DateTimeOffset? LockoutEnd, int LockoutCount);

    [Fact]
    public async Task Unknown_deactivated_locked_and_wrong_password_accounts_get_the_same_answer()
    {
        await Factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.Id == World.Colleague56.Id).IsActive = false;
            db.Users.Single(u => u.Id == World.OtherTeamWorker56.Id).LockoutEnd = TestClock.Start.AddHours(1);
            await db.SaveChangesAsync();
        });
        (string Email, string Password)[] attempts =
        [
            ("personne@nulle.part", World.Password),        // no such account
            (World.Colleague56.Email!, World.Password),      // deactivated, right password
            (World.OtherTeamWorker56.Email!, World.Password), // locked, right password
            (World.Worker56.Email!, "Mauvais!MotDePasse1"),  // wrong password
        ];
        var answers = new List<(System.Net.HttpStatusCode, string?, string?)>();
        foreach (var (email, password) in attempts)
        {
            var page = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
            answers.Add((page.Status, page.Url.AbsolutePath, page.Document.QuerySelector(".error-summary")?.TextContent.Trim()));
        }
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.OK, answers[0].Item1);
        Assert.Contains(Login.BadCredentials, answers[0].Item3);
    }

    [Fact]
    public async Task Failed_attempts_from_one_address_are_limited_whatever_the_account()
    {
        var client = Anonymous();
        client.Http.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "198.51.100.7");
        for (var i = 0; i < 20; i++)
        {
            var email = $"inconnu{i}@nulle.part";
            var refused = await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = "Mauvais!MotDePasse1" });
            Assert.Equal(HttpStatusCode.OK, refused.Status);
        }

        var limited = await client.Http.GetAsync("/Account/Login");
        var page = await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.Contains("Trop de tentatives de connexion depuis cet endroit", page.Summary);
        Assert.Equal(HttpStatusCode.OK, limited.StatusCode); // reading the page is not limited

        // Another address is not affected.
        await SignInAsync(World.Worker56);
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in()
    {
        await Factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.Id == World.Worker56.Id).IsActive = false;
            await db.SaveChangesAsync();
        });
        var page = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Contains(Login.BadCredentials, page.Summary);
        Assert.Null(page.Document.QuerySelector("header a[href='/Account/Logout']"));
    }

    [Fact]
    public async Task Signing_out_from_the_header_link_and_its_page_ends_the_session()
    {
        var client = await SignInAsync(World.Worker56);
        var home = await client.GetAsync("/");
        var link = home.Document.QuerySelector("header a[href='/Account/Logout']");
        Assert.Equal("Se déconnecter", link?.TextContent.Trim());

        var confirm = await client.GetAsync("/Account/Logout");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Equal("Se déconnecter", confirm.Document.QuerySelector("main h1")?.TextContent.Trim());
        var signedOut = await client.SubmitFormAsync(confirm, new Dictionary<string, string>(), "main form");
        Assert.Equal("/Account/Login", signedOut.Url.AbsolutePath);
        Assert.Equal("Vous êtes déconnecté.", signedOut.Flash);

        var after = await client.GetAsync("/Persons");
        Assert.Equal("/Account/Login", after.Url.AbsolutePath);
    }

    [Fact]
    public async Task The_sign_out_link_of_an_expired_session_asks_to_sign_in_then_leads_home_not_back_to_sign_out()
    {
        var client = Anonymous();
        var page = await client.GetAsync("/Account/Logout");
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Contains("ReturnUrl=%2FAccount%2FLogout", page.Url.Query);

        var home = await client.SubmitFormAsync(page, new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Equal("/", home.Url.AbsolutePath);
    }

    [Fact]
    public async Task Opening_the_sign_out_page_or_posting_to_it_without_its_token_keeps_the_session()
    {
        var client = await SignInAsync(World.Worker56);
        await client.GetAsync("/Account/Logout");
        var forged = await client.PostAsync("/Account/Logout", []);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);

        var after = await client.GetAsync("/Persons");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("/Persons", after.Url.AbsolutePath);
    }

    [Fact]
    public async Task Pages_are_not_kept_in_caches_but_the_versioned_style_sheet_is_kept_a_year()
    {
        var client = await SignInAsync(World.Worker56);
        var list = await client.Http.GetAsync("/Persons");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(list.Headers.CacheControl?.NoStore, "the caseload must be sent with Cache-Control: no-store");

        var css = await client.Http.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.CacheControl?.NoStore ?? false);
        Assert.NotNull(css.Headers.ETag);

        // The layout links the style sheet with its version: that URL is kept for a year.
        var home = await client.GetAsync("/");
        var versioned = home.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Contains("?v=", versioned);
        var cached = await client.Http.GetAsync(versioned);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), cached.Headers.CacheControl?.MaxAge);
        Assert.False(cached.Headers.CacheControl?.NoStore ?? true);

        // A version that is not the file's (an old instance asked for a newer file, or the reverse) is not kept.
        var stale = await client.Http.GetAsync("/css/site.css?v=ancienne-version");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Null(stale.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var page = await Anonymous().PostAsync("/Account/Login", [("Input.Email", World.Worker56.Email!), ("Input.Password", World.Password)]);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
    }

    [Fact]
    public async Task Pages_keep_accents_as_they_are()
    {
        var page = await Anonymous().GetAsync("/Account/Login");
        Assert.Contains("Adresse électronique", page.Html);
        Assert.DoesNotContain("&#xE9;", page.Html);
    }
}
