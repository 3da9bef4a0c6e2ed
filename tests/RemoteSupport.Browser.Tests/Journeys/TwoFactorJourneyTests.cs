using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Browser.Tests.Infrastructure;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>A social worker protects their account with an authenticator app, then signs out for good.</summary>
[Collection(JourneyCollection.Name)]
public sealed class TwoFactorJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task A_worker_enrols_an_authenticator_signs_out_and_the_old_cookie_is_refused()
    {
        // An account of its own, so no other test meets its second factor.
        var email = "ts3.cd56@remotesupport.test";
        await Site.App.WithDbAsync(async db =>
        {
            var cd56 = db.Departments.Single(d => d.Code == "CD56");
            await using var scope = Site.App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Inès Nouvelle", DepartmentId = cd56.Id, CreatedAt = BrowserApp.Now };
            var created = await users.CreateAsync(user, DemoSeeder.DemoPassword);
            Assert.True(created.Succeeded);
            await users.AddToRoleAsync(user, Roles.SocialWorker);
            return true;
        });
        var worker = new DemoUser(email, "Inès Nouvelle");

        var page = await NewPageAsync();
        await Site.SignInAsync(page, worker);
        var response = await page.GotoAsync("/");
        Assert.False(response!.Headers.ContainsKey("server"), "Kestrel must not name itself");

        await page.GetByRole(AriaRole.Link, new() { Name = "Double authentification" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Double authentification");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code à scanner avec l'application d'authentification ; la même clé est écrite en dessous." })).ToBeVisibleAsync();
        var key = await page.Locator("#authenticator-key").InnerTextAsync();
        await page.GetByLabel("Code à 6 chiffres").FillAsync(Demo.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer la double authentification" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vos codes de récupération" })).ToBeVisibleAsync();
        var codes = await page.Locator(".recovery-codes code").AllInnerTextsAsync();
        Assert.Equal(10, codes.Distinct().Count());

        var oldCookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "rs.auth");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/Login");

        // Someone who copied the cookie before the sign-out gets nothing with it.
        await using var thief = await Site.NewContextAsync();
        await thief.AddCookiesAsync([new Cookie { Name = oldCookie.Name, Value = oldCookie.Value, Domain = oldCookie.Domain, Path = oldCookie.Path }]);
        var stolen = await thief.NewPageAsync();
        await stolen.GotoAsync("/Persons");
        Assert.Equal("/Account/Login", new Uri(stolen.Url).AbsolutePath);

        // Next time the password is not enough: a recovery code stands in for the phone (the app's code of this
        // fixed "now" was used at enrolment, and a code is good once).
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/SecondFactor");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Demo.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Code-error")).ToContainTextAsync("Ce code n'est pas valable");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(codes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    }
}
