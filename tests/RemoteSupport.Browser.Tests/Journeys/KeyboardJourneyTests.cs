using RemoteSupport.Browser.Tests.Infrastructure;

namespace RemoteSupport.Browser.Tests.Journeys;

/// <summary>
/// A whole journey with Tab, Enter, Space and typing only (RGAA 7.3, 12.13): no mouse, no click, no script call.
/// Every element focused on the way must show its focus.
/// </summary>
[Collection(JourneyCollection.Name)]
public sealed class KeyboardJourneyTests(Site site) : BrowserTest(site)
{
    [Fact]
    public async Task A_social_worker_signs_in_creates_a_person_and_finds_them_with_the_keyboard_alone()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await Keys.TabToAsync(page, "#Input_Email");
        await Keys.TypeAsync(page, Demo.Worker29.Email);
        await Keys.TabToAsync(page, "#Input_Password");
        await Keys.TypeAsync(page, Demo.Password);
        await Keys.TabToAsync(page, "main button[type=submit]");
        await Keys.EnterAsync(page);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await Keys.TabToAsync(page, "nav a[href='/Persons']");
        await Keys.EnterAsync(page);
        await page.WaitForURLAsync("**/Persons");

        await Keys.TabToAsync(page, "main a[href='/Persons/Create']");
        await Keys.EnterAsync(page);
        await page.WaitForURLAsync("**/Persons/Create");

        await Keys.TabToAsync(page, "#Input_FirstName");
        await Keys.TypeAsync(page, "Maïwenn");
        await Keys.TabToAsync(page, "#Input_LastName");
        await Keys.TypeAsync(page, "Tanguy-Clavier");
        await Keys.TabToAsync(page, "input[name='Input.RemoteReasons'][value=MobilityProblems]");
        await Keys.SpaceAsync(page);
        await Keys.TabToAsync(page, "#Input_LivesAlone");
        await Keys.SpaceAsync(page);
        await Keys.TabToAsync(page, "main button[type=submit]");
        await Keys.EnterAsync(page);
        await page.WaitForURLAsync("**/Persons/Details/**");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Maïwenn Tanguy-Clavier");
        await Assertions.Expect(page.Locator(".facts").Nth(1)).ToContainTextAsync("Difficultés de mobilité");
        await Assertions.Expect(page.Locator(".facts").Nth(1)).ToContainTextAsync("vit sans autre personne au foyer");

        await Keys.TabToAsync(page, ".breadcrumb a");
        await Keys.EnterAsync(page);
        await page.WaitForURLAsync("**/Persons");
        await Keys.TabToAsync(page, "main table a", text: "Tanguy-Clavier Maïwenn");
        await Keys.EnterAsync(page);
        await page.WaitForURLAsync("**/Persons/Details/**");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Maïwenn Tanguy-Clavier");
    }
}
