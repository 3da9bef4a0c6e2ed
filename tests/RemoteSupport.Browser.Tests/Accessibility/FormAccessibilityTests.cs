using System.Text.Json;
using RemoteSupport.Browser.Tests.Infrastructure;

namespace RemoteSupport.Browser.Tests.Accessibility;

public sealed class FormAccessibilityTests(Site site) : BrowserTest(site)
{
    // For each field marked invalid: the ids it points at, whether each exists with text, and whether the message
    // sits next to the field (same .field block or same fieldset).
    private const string InvalidFields = """
        () => [...document.querySelectorAll('[aria-invalid=true]')].map(field => {
          const ids = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
          const messages = ids.map(id => document.getElementById(id)).filter(m => m && m.classList.contains('field-error'));
          const box = field.closest('.field') || field.closest('fieldset');
          return {
            id: field.id,
            messages: messages.map(m => m.innerText.trim()),
            nextToField: messages.length > 0 && messages.every(m => box && box.contains(m)),
          };
        })
        """;

    [Theory]
    [InlineData("nouvelle-personne-erreurs", new[] { "Input_FirstName", "Input_LastName" })]
    [InlineData("connexion-erreurs", new[] { "Input_Email", "Input_Password" })]
    [InlineData("mot-de-passe-erreurs", new[] { "Input_CurrentPassword", "Input_NewPassword" })]
    [InlineData("clore-suivi-erreurs", new[] { "Input_Reason" })]
    [InlineData("planifier-entretien-erreurs", new[] { "Input_Date", "Input_Time", "Input_DurationMinutes", "Input_Objectives" })]
    [InlineData("nouvel-utilisateur", new[] { "Input_Email", "Input_DisplayName" })]
    public async Task Errors_are_announced_and_tied_to_their_field(string name, string[] expectedInvalid)
    {
        var sitePage = SitePages.Named(name);
        var page = await Site.OpenAsync(await NewContextAsync(sitePage.As), sitePage);

        var summary = page.Locator(".error-summary");
        Assert.Equal("alert", await summary.GetAttributeAsync("role"));
        await Assertions.Expect(summary).ToContainTextAsync("Le formulaire n'a pas été enregistré.");

        var fields = (await page.EvaluateAsync<JsonElement>(InvalidFields)).EnumerateArray().ToList();
        var invalid = fields.Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.All(expectedInvalid, id => Assert.Contains(id, invalid));
        Assert.All(fields, f =>
        {
            var id = f.GetProperty("id").GetString();
            var messages = f.GetProperty("messages").EnumerateArray().Select(m => m.GetString()).ToList();
            Assert.True(messages.Count == 1 && !string.IsNullOrWhiteSpace(messages[0]), $"{name}: #{id} does not point at one visible error message.");
            Assert.True(f.GetProperty("nextToField").GetBoolean(), $"{name}: the message of #{id} is not next to the field.");
        });
    }

    [Fact]
    public async Task A_missing_remote_reason_is_announced_by_its_group_of_boxes()
    {
        var page = await Site.OpenAsync(await NewContextAsync(Demo.Worker), SitePages.Named("nouvelle-personne-erreurs"));

        var group = page.GetByRole(AriaRole.Group, new() { Name = "Pourquoi le suivi se fait à distance" });
        var describedBy = await group.GetAttributeAsync("aria-describedby");
        var message = page.Locator($"#{describedBy}");
        await Assertions.Expect(message).ToHaveClassAsync("field-error");
        await Assertions.Expect(message).Not.ToBeEmptyAsync();
        Assert.True(await group.Locator($"#{describedBy}").CountAsync() == 1, "The message is inside the group it describes.");
    }

    [Fact]
    public async Task A_missing_interview_modality_is_announced_by_its_group_of_choices()
    {
        var page = await Site.OpenAsync(await NewContextAsync(Demo.Worker), SitePages.Named("planifier-entretien-erreurs"));

        var group = page.GetByRole(AriaRole.Group, new() { Name = "Modalité" });
        var message = page.Locator("#Input_Modality-error");
        await Assertions.Expect(group).ToHaveAttributeAsync("aria-describedby", "Input_Modality-error");
        await Assertions.Expect(message).ToHaveClassAsync("field-error");
        await Assertions.Expect(message).Not.ToBeEmptyAsync();
        Assert.Equal(1, await group.Locator("#Input_Modality-error").CountAsync());
    }

    [Fact]
    public async Task Focus_is_visible_on_every_link_button_and_field_of_the_caseload()
    {
        var page = await NewPageAsync(Demo.Worker);
        await page.GotoAsync("/Persons");

        // From the skip link to the footer: the header, the filters, every row of the list.
        await Keys.TabToAsync(page, "footer a[href='/Accessibilite']", maxStops: 200);
    }

    [Fact]
    public async Task The_skip_link_shows_when_focused_and_leads_to_the_content()
    {
        var page = await NewPageAsync(Demo.Worker);
        await page.GotoAsync("/");

        await Keys.TabToAsync(page, ".skip-link");
        var box = await page.Locator(".skip-link").BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0 }, "The focused skip link is on screen.");
        await Keys.EnterAsync(page);
        await page.Keyboard.PressAsync("Tab");
        // Past the header in one step: the next stop is the first focusable element of the content.
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement === document.querySelector('main').querySelector('a[href], button, input:not([type=hidden]), select, textarea')"),
            $"After the skip link, Tab went to {await page.EvaluateAsync<string>("() => document.activeElement.outerHTML")}");
    }

    [Fact]
    public async Task The_accessibility_check_does_catch_a_field_without_label()
    {
        // Guards the harness itself: if axe were not really running, every page would "pass".
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.EvaluateAsync("() => document.querySelector('label[for=Input_Email]').remove()");

        var violations = await Axe.ViolationsAsync(page);
        Assert.Contains(violations, v => v.StartsWith("label ", StringComparison.Ordinal) && v.Contains("#Input_Email", StringComparison.Ordinal));
    }
}
