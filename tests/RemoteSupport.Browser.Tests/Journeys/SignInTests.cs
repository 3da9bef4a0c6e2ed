using RemoteSupport.Browser.Tests.Infrastructure;

namespace RemoteSupport.Browser.Tests.Journeys;

public sealed class SignInTests(Site site) : BrowserTest(site)
{
    // Account, whether it follows persons, menu links it must show, menu links it must not show.
    public static TheoryData<string, bool, string[], string[]> Roles => new()
    {
        { Demo.Worker.Email, true, ["Aujourd'hui", "Ma file active", "Mon agenda"], ["Priorités", "Utilisateurs"] },
        { Demo.Worker29.Email, true, ["Aujourd'hui", "Ma file active", "Mon agenda"], ["Priorités", "Utilisateurs"] },
        { Demo.Lead.Email, true, ["Ma file active", "Priorités", "Charge de travail", "Chiffres"], ["Utilisateurs"] },
        { Demo.Admin.Email, false, ["Utilisateurs", "Départements", "Listes de contrôle", "Audit"], ["Aujourd'hui", "Ma file active", "Mon agenda", "Priorités"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_demo_role_signs_in_through_the_form_and_gets_their_own_menu(string email, bool followsPersons, string[] shown, string[] hidden)
    {
        // A worker asks for their caseload; an administrator, who follows nobody, for the home page.
        var asked = followsPersons ? "/Persons" : "/";
        var page = await NewPageAsync();
        await page.GotoAsync(asked);
        Assert.Equal("/Account/Login", new Uri(page.Url).AbsolutePath);

        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        // Administrators and team leads give the code of their authenticator app (the demo key) as a second step.
        if (!followsPersons || email == Demo.Lead.Email)
        {
            Assert.Equal("/Account/SecondFactor", new Uri(page.Url).AbsolutePath);
            await Site.CompleteSecondFactorAsync(page, new DemoUser(email, Demo.NameOf(email)));
        }

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        var links = await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync();
        Assert.All(shown, link => Assert.Contains(link, links));
        Assert.All(hidden, link => Assert.DoesNotContain(link, links));
        var name = Demo.NameOf(email);
        Assert.Equal(name, await page.Locator(".who").InnerTextAsync());
        if (followsPersons)
        {
            // Back to the page asked for before signing in, then "Aujourd'hui" greets them.
            Assert.Equal("/Persons", new Uri(page.Url).AbsolutePath);
            await page.GetByRole(AriaRole.Link, new() { Name = "Aujourd'hui" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Bonjour {name}");
        }
        else
        {
            // The administrator's home is the list of accounts, reached from the home page.
            Assert.Equal("/Admin/Users", new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Utilisateurs");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nouvel utilisateur" })).ToBeVisibleAsync();
            // A caseload is not theirs to see.
            var response = await page.GotoAsync("/Persons");
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accès refusé");
        }
    }

    [Fact]
    public async Task A_wrong_password_is_announced_and_the_email_is_kept()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(Demo.Worker29.Email);
        await page.GetByLabel("Mot de passe").FillAsync("Pas!LeBonMotDePasse1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Adresse électronique ou mot de passe incorrect.");
        await Assertions.Expect(page.GetByLabel("Adresse électronique")).ToHaveValueAsync(Demo.Worker29.Email);
        Assert.Equal("/Account/Login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_closes_the_session()
    {
        var page = await NewPageAsync();
        await Site.SignInAsync(page, Demo.Worker29);

        await page.GetByRole(AriaRole.Link, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/Logout");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/Login");
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("Vous êtes déconnecté.");
        await page.GotoAsync("/Persons");
        Assert.Equal("/Account/Login", new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Se déconnecter" }).CountAsync());
    }
}
