using RemoteSupport.Domain.Activity;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Pages.Account;
using RemoteSupport.Web.Tests.Infrastructure;
using WebClient = RemoteSupport.Web.Tests.Infrastructure.WebClient;

namespace RemoteSupport.Web.Tests.Pages.Account;

public sealed class TwoFactorTests(AppFactory factory) : WebTest(factory)
{
    private string Code() => WebClient.Code(World.AuthenticatorKey, Factory.Clock);

    private async Task<Page> PasswordStepAsync(WebClient client, AppUser user) =>
        await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = World.Password });

    [Fact]
    public async Task A_team_lead_without_an_authenticator_enrols_one_before_anything_else()
    {
        await Factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<AppUserManager>();
            var lead = (await users.FindByIdAsync(World.Lead56.Id.ToString()))!;
            await users.SetTwoFactorEnabledAsync(lead, false);
            await users.ResetAuthenticatorKeyAsync(lead);
            return true;
        });
        var client = Anonymous();
        var page = await PasswordStepAsync(client, World.Lead56);
        Assert.Equal("/Account/TwoFactor", page.Url.AbsolutePath);
        Assert.Contains("doit être protégé par une double authentification", page.Text);
        Assert.Equal("/Account/TwoFactor", (await client.GetAsync("/TeamLead/Priorities")).Url.AbsolutePath);

        // The QR code is an image drawn by the server; the same key is written out.
        var qr = page.Document.QuerySelector("main img")!;
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(qr.GetAttribute("alt")));
        var key = page.Document.GetElementById("authenticator-key")!.TextContent;
        Assert.Empty(page.Document.QuerySelectorAll("script"));

        var wrong = await client.SubmitFormAsync(page, new() { ["Input.Code"] = "000000" });
        Assert.Contains("Ce code ne correspond pas", wrong.ErrorFor("Input.Code"));

        var enrolled = await client.SubmitFormAsync(wrong, new() { ["Input.Code"] = WebClient.Code(key, Factory.Clock) });
        var codes = enrolled.Document.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", c));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/TeamLead/Priorities")).Status);

        // Stored as hashes only.
        var stored = await Factory.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == World.Lead56.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync());
        Assert.All(codes, c => Assert.DoesNotContain(c, stored!));
        Assert.Contains(AppUserManager.HashRecoveryCode(codes[0]), stored);
    }

    [Fact]
    public async Task Signing_in_asks_for_the_code_and_refuses_a_wrong_or_replayed_one()
    {
        var client = Anonymous();
        var step = await PasswordStepAsync(client, World.Lead56);
        Assert.Equal("/Account/SecondFactor", step.Url.AbsolutePath);
        Assert.Equal("/Account/Login", (await Anonymous().GetAsync("/TeamLead/Priorities")).Url.AbsolutePath);

        var wrong = await client.SubmitFormAsync(step, new() { ["Input.Code"] = "123456" == Code() ? "654321" : "123456" });
        Assert.Equal(SecondFactor.WrongCode, wrong.ErrorFor("Input.Code"));
        var home = await client.SubmitFormAsync(wrong, new() { ["Input.Code"] = Code() });
        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/TeamLead/Priorities")).Status);

        // The same code, seen over a shoulder, does not open a second session.
        var other = Anonymous();
        var again = await PasswordStepAsync(other, World.Lead56);
        var replayed = await other.SubmitFormAsync(again, new() { ["Input.Code"] = Code() });
        Assert.Equal("/Account/SecondFactor", replayed.Url.AbsolutePath);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = await other.SubmitFormAsync(replayed, new() { ["Input.Code"] = Code() });
        Assert.Equal("/", next.Url.AbsolutePath);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var codes = await Factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<AppUserManager>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(World.Lead56.Id.ToString()))!, 10))!.ToList();
        });
        var client = Anonymous();
        var step = await PasswordStepAsync(client, World.Lead56);
        Assert.Equal("/", (await client.SubmitFormAsync(step, new() { ["Input.Code"] = codes[3].ToLowerInvariant() })).Url.AbsolutePath);

        var other = Anonymous();
        var again = await PasswordStepAsync(other, World.Lead56);
        var reused = await other.SubmitFormAsync(again, new() { ["Input.Code"] = codes[3] });
        Assert.Equal(SecondFactor.WrongCode, reused.ErrorFor("Input.Code"));
    }

    [Fact]
    public async Task A_remembered_browser_skips_the_code_for_the_days_the_department_chose()
    {
        var client = Anonymous();
        var step = await PasswordStepAsync(client, World.Lead56);
        Assert.Contains("pendant 7 jours", step.Text);
        await client.SubmitFormAsync(step, new() { ["Input.Code"] = Code(), ["Input.RememberBrowser"] = "true" });
        await client.SubmitFormAsync(await client.GetAsync("/Account/Logout"), [], "main form");

        Factory.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal("/", (await PasswordStepAsync(client, World.Lead56)).Url.AbsolutePath);
        await client.SubmitFormAsync(await client.GetAsync("/Account/Logout"), [], "main form");

        Factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal("/Account/SecondFactor", (await PasswordStepAsync(client, World.Lead56)).Url.AbsolutePath);
    }

    [Fact]
    public async Task A_department_that_remembers_no_browser_does_not_offer_it()
    {
        await Factory.WithDbAsync(db => db.Departments.Where(d => d.Id == World.Cd56.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.TrustedBrowserDays, 0)));
        var step = await PasswordStepAsync(Anonymous(), World.Lead56);
        Assert.Null(step.Document.QuerySelector("[name='Input.RememberBrowser']"));
    }

    [Fact]
    public async Task Social_workers_are_offered_two_factor_and_must_enrol_when_their_department_requires_it()
    {
        var client = await SignInAsync(World.Worker56);
        Assert.Equal("/Persons", (await client.GetAsync("/Persons")).Url.AbsolutePath);
        Assert.Contains("Activer la double authentification", (await client.GetAsync("/Account/TwoFactor")).Text);

        await Factory.WithDbAsync(db => db.Departments.Where(d => d.Id == World.Cd56.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.RequireTwoFactorForAll, true)));
        Assert.Equal("/Account/TwoFactor", (await client.GetAsync("/Persons")).Url.AbsolutePath);
        // Another department is not concerned.
        var finistere = await SignInAsync(World.Worker29);
        Assert.Equal("/Persons", (await finistere.GetAsync("/Persons")).Url.AbsolutePath);
    }

    [Fact]
    public async Task An_administrator_resets_a_second_factor_with_an_audit_entry_and_the_sessions_end()
    {
        var lead = await SignInAsync(World.Lead56);
        var admin = await SignInAsync(World.Admin56);
        var confirm = await admin.GetAsync($"/Admin/Users/Edit/{World.Lead56.Id}");
        Assert.NotNull(confirm.Document.QuerySelector($"a[href='/Admin/Users/ResetSecondFactor/{World.Lead56.Id}']"));
        var done = await admin.SubmitAsync($"/Admin/Users/ResetSecondFactor/{World.Lead56.Id}", []);
        Assert.Contains("La double authentification du compte a été réinitialisée", done.Flash);

        Assert.Equal("/Account/Login", (await lead.GetAsync("/TeamLead/Priorities")).Url.AbsolutePath);
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.ResetSecondFactor));
        Assert.Equal(World.Admin56.Id, audit.ActorId);
        Assert.Equal(World.Lead56.Id.ToString(), audit.EntityId);
        var enabled = await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Lead56.Id).Select(u => u.TwoFactorEnabled).SingleAsync());
        Assert.False(enabled);

        // At the next sign-in the old app's code is useless: a new app is enrolled.
        var again = await PasswordStepAsync(Anonymous(), World.Lead56);
        Assert.Equal("/Account/TwoFactor", again.Url.AbsolutePath);
    }

    [Fact]
    public async Task Another_departments_administrator_cannot_reset_a_second_factor()
    {
        var admin = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Users/ResetSecondFactor/{World.Lead29.Id}")).Status);
        var token = (await admin.GetAsync("/Account/Logout")).Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await admin.PostAsync($"/Admin/Users/ResetSecondFactor/{World.Lead29.Id}", [("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.True(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Lead29.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task An_export_asks_for_a_second_factor_checked_less_than_fifteen_minutes_ago()
    {
        var client = await SignInAsync(World.Lead56);
        var figures = await client.GetAsync("/TeamLead/Figures?Filter.From=2026-11-01&Filter.To=2026-11-30");
        var csvLink = figures.Document.QuerySelector("a[href*='handler=Csv']")!.GetAttribute("href")!;
        var fresh = await client.Http.GetAsync(csvLink);
        Assert.Equal("text/csv", fresh.Content.Headers.ContentType?.MediaType);

        Factory.SessionTime.Advance(TimeSpan.FromMinutes(16));
        Factory.Clock.Advance(TimeSpan.FromMinutes(16)); // a new authenticator code too
        var asked = await client.GetAsync(csvLink);
        Assert.Equal("/Account/Reauthenticate", asked.Url.AbsolutePath);
        Assert.Contains("Confirmer votre identité", asked.Text);
        var wrong = await client.SubmitFormAsync(asked, new() { ["Input.Code"] = "000001" });
        Assert.Equal(SecondFactor.WrongCode, wrong.ErrorFor("Input.Code"));

        using var content = new FormUrlEncodedContent(FormFields(wrong, ("Input.Code", Code())));
        var confirmed = await client.Http.PostAsync(wrong.Url.PathAndQuery, content);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var csv = await client.Http.GetAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    private static List<KeyValuePair<string, string>> FormFields(Page page, params (string Name, string Value)[] values)
    {
        var form = page.Document.QuerySelector("main form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        return fields;
    }
}
