using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace RemoteSupport.Web.Tests.Infrastructure;

/// <summary>What a person would see after a request: status, address, and the HTML page.</summary>
public sealed record Page(HttpStatusCode Status, Uri Url, IHtmlDocument Document, string Html)
{
    public string Text => Document.Body?.TextContent ?? "";
    public string? Flash => Document.QuerySelector(".flash")?.TextContent.Trim();
    public string? Summary => Document.QuerySelector(".error-summary")?.TextContent.Trim();

    /// <summary>The message shown next to a field (by its bound name, e.g. "Input.Phone").</summary>
    public string? ErrorFor(string field)
    {
        var text = Document.GetElementById(field.Replace('.', '_').Replace('[', '_').Replace(']', '_') + "-error")?.TextContent.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public string? ValueOf(string field) => Document.QuerySelector($"[name='{field}']") switch
    {
        IHtmlTextAreaElement t => t.Value,
        IHtmlSelectElement s => s.Value,
        IHtmlInputElement i => i.Value,
        _ => null,
    };
}

/// <summary>
/// A browser-like client over the test server: keeps cookies, follows redirects, fills and posts forms with
/// their antiforgery token exactly as a browser would.
/// </summary>
public sealed class WebClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();
    public HttpClient Http { get; } = http;

    public static Task<WebClient> SignInAsync(AppFactory factory, string email, string password, string? authenticatorKey = null) =>
        SignInAsync(factory, factory, email, password, authenticatorKey);

    /// <summary>Signs in on <paramref name="host"/> (a factory derived from <paramref name="factory"/>, with other settings).</summary>
    public static async Task<WebClient> SignInAsync(WebApplicationFactory<Program> host, AppFactory factory, string email, string password,
        string? authenticatorKey = null)
    {
        var client = new WebClient(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await client.SignInThroughFormAsync(factory, email, password, authenticatorKey);
        return client;
    }

    /// <summary>A client whose cookies the test can read (and copy, as a thief would).</summary>
    public static WebClient WithCookies(AppFactory factory, System.Net.CookieContainer cookies) =>
        new(factory.CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)));

    public async Task<Page> SignInThroughFormAsync(AppFactory factory, string email, string password, string? authenticatorKey = null)
    {
        var client = this;
        var page = await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (page.Url.AbsolutePath.StartsWith("/Account/Login", StringComparison.Ordinal))
            throw new InvalidOperationException($"Sign-in failed for {email}: {page.Summary}");
        return await client.CompleteSecondFactorAsync(factory, email, page, authenticatorKey);
    }

    /// <summary>
    /// Team leads and administrators sign in with a second factor: the client computes the authenticator's code as the
    /// person's app would (the World's key unless another is given, the test clock), or enrols the app shown when the account has none yet.
    /// A test may sign the same account in several times within one 30-second step of its clock: the step already
    /// used is forgotten first (the refusal of a replayed code has its own test).
    /// </summary>
    public async Task<Page> CompleteSecondFactorAsync(AppFactory factory, string email, Page page, string? authenticatorKey = null)
    {
        if (page.Url.AbsolutePath == "/Account/SecondFactor")
        {
            await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, (long?)null)));
            page = await SubmitFormAsync(page, new() { ["Input.Code"] = Code(authenticatorKey ?? World.AuthenticatorKey, factory.Clock) });
            if (page.Url.AbsolutePath == "/Account/SecondFactor")
                throw new InvalidOperationException($"Second factor refused for {email}: {page.Summary}");
        }
        if (page.Url.AbsolutePath == "/Account/TwoFactor")
        {
            var key = page.Document.GetElementById("authenticator-key")?.TextContent
                ?? throw new InvalidOperationException($"No authenticator key shown to {email}");
            page = await SubmitFormAsync(page, new() { ["Input.Code"] = Code(key, factory.Clock) });
            if (page.Document.QuerySelector(".recovery-codes") is null)
                throw new InvalidOperationException($"Enrolment failed for {email}: {page.Summary} {page.ErrorFor("Input.Code")}");
        }
        return page;
    }

    /// <summary>The six-digit code an authenticator app shows for this key at the clock's time (RFC 6238).</summary>
    public static string Code(string key, TimeProvider clock) =>
        RemoteSupport.Web.Identity.Totp.Code(RemoteSupport.Web.Identity.Totp.FromBase32(key.Replace(" ", "", StringComparison.Ordinal)),
            RemoteSupport.Web.Identity.Totp.StepAt(clock.GetUtcNow()));

    public async Task<Page> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return await FollowAsync(response);
    }

    /// <summary>Loads the page, fills its form (the first POST form, or the one matching the selector), submits it.</summary>
    public Task<Page> SubmitAsync(string pageUrl, Dictionary<string, string> values, string? formSelector = null) =>
        SubmitManyAsync(pageUrl, values.Select(kv => (kv.Key, kv.Value)).ToList(), formSelector);

    /// <summary>Same, for forms where one name carries several values (checkbox lists).</summary>
    public async Task<Page> SubmitManyAsync(string pageUrl, IReadOnlyList<(string Name, string Value)> values, string? formSelector = null)
    {
        var page = await GetAsync(pageUrl);
        return await SubmitFormManyAsync(page, values, formSelector);
    }

    public Task<Page> SubmitFormAsync(Page page, Dictionary<string, string> values, string? formSelector = null) =>
        SubmitFormManyAsync(page, values.Select(kv => (kv.Key, kv.Value)).ToList(), formSelector);

    public async Task<Page> SubmitFormManyAsync(Page page, IReadOnlyList<(string Name, string Value)> values, string? formSelector = null)
    {
        var form = (formSelector is null
            ? page.Document.QuerySelectorAll<IHtmlFormElement>("main form").FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            : page.Document.QuerySelector<IHtmlFormElement>(formSelector))
            ?? throw new InvalidOperationException($"No form {formSelector} on {page.Url}");

        var fields = new List<(string Name, string Value)>();
        var overridden = values.Select(v => v.Name).ToHashSet();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || overridden.Contains(name)) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked) fields.Add((name, box.Value));
                    break;
                case IHtmlInputElement { Type: "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add((name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add((name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add((name, select.Value ?? ""));
                    break;
            }
        }
        fields.AddRange(values);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : new Uri(page.Url, form.GetAttribute("action"));
        return await PostAsync(action.PathAndQuery, fields);
    }

    /// <summary>A raw POST, as a forged request would send it (no token added).</summary>
    public async Task<Page> PostAsync(string url, IReadOnlyList<(string Name, string Value)> fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var response = await Http.PostAsync(url, content);
        return await FollowAsync(response);
    }

    private async Task<Page> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                 or HttpStatusCode.RedirectKeepVerb or HttpStatusCode.MovedPermanently; hops++)
        {
            var location = response.Headers.Location!;
            var next = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            response.Dispose();
            response = await Http.GetAsync(next);
        }
        var html = await response.Content.ReadAsStringAsync();
        var document = await Parser.ParseDocumentAsync(html);
        return new Page(response.StatusCode, response.RequestMessage!.RequestUri!, document, html);
    }
}
