using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Security;

/// <summary>The application as it runs in Production, behind a TLS reverse proxy at 10.0.0.5 (ReverseProxy:KnownProxies).</summary>
public sealed class ProductionTransportTests(AppFactory factory) : WebTest(factory)
{
    private const string Proxy = "10.0.0.5";
    private WebApplicationFactory<Program>? _production;

    private WebApplicationFactory<Program> Production => _production ??= new ProductionFactory(Factory.ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        if (_production is not null) await _production.DisposeAsync();
        await base.DisposeAsync();
    }

    private HttpClient Client(string? from, bool https = false)
    {
        var client = Production.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(https ? "https://rs.departement.test" : "http://rs.departement.test"),
        });
        if (from is not null) client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, from);
        return client;
    }

    [Fact]
    public async Task Behind_the_known_proxy_https_is_honoured_hsts_is_sent_and_cookies_are_secure()
    {
        var client = Client(Proxy);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Forwarded_headers_from_any_other_address_are_ignored()
    {
        var client = Client("10.0.0.6");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var response = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_http_only_and_kestrel_sends_no_server_header()
    {
        var client = Client(Proxy, https: true);
        using var login = await client.GetAsync("/Account/Login");
        var html = await login.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Email", World.Worker56.Email!), new("Input.Password", World.Password)]),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rs.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
        Assert.False(Production.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    /// <summary>With the production work factor (Identity's default), every refusal costs the same hashing time.</summary>
    [Fact]
    public async Task Unknown_deactivated_locked_and_wrong_password_answers_take_the_same_time()
    {
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), World.Password);
        await Factory.WithDbAsync(async db =>
        {
            await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash));
            await db.Users.Where(u => u.Id == World.Colleague56.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
            await db.Users.Where(u => u.Id == World.OtherTeamWorker56.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddDays(1)));
        });
        var client = Client(null);
        using var page = await client.GetAsync("/Account/Login");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = page.Headers.GetValues("Set-Cookie").First().Split(';')[0];

        async Task<double> TimeAsync(string email, string password)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Email", email), new("Input.Password", password)]),
            };
            post.Headers.Add("Cookie", antiforgery);
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(post);
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        (string Name, string Email, string Password)[] kinds =
        [
            ("wrong password", World.Worker29.Email!, "Mauvais!MotDePasse1"),
            ("wrong password", World.Lead29.Email!, "Mauvais!MotDePasse1"),
            ("unknown", "personne@nulle.part", World.Password),
            ("deactivated", World.Colleague56.Email!, World.Password),
            ("locked", World.OtherTeamWorker56.Email!, World.Password),
        ];
        var times = kinds.Select(k => k.Name).Distinct().ToDictionary(k => k, _ => new List<double>());
        foreach (var kind in kinds) await TimeAsync(kind.Email, kind.Password); // warm-up of every path
        // Round-robin, so a busy moment of a shared machine weighs on every kind alike, and the fastest of each kind:
        // the work a request always does, without the pauses other processes cause. Two accounts take the wrong
        // passwords, four each in all, under the lock's five.
        for (var round = 0; round < 3; round++)
            foreach (var kind in kinds) times[kind.Name].Add(await TimeAsync(kind.Email, kind.Password));
        static double Fastest(List<double> values) => values.Min();
        var wrong = Fastest(times["wrong password"]);
        Assert.True(wrong > 10, $"hashing should cost real time, measured {wrong:0.0} ms");
        foreach (var name in new[] { "unknown", "deactivated", "locked" })
        {
            var time = Fastest(times[name]);
            Assert.True(time > wrong * 0.6 && time < wrong * 1.6, $"{name}: {time:0.0} ms against {wrong:0.0} ms for a wrong password");
        }
    }

    private sealed class ProductionFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("Database:MigrateOnStart", "false");
            builder.UseSetting("Seed:Demo", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("ReverseProxy:KnownProxies:0", Proxy);
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressStartupFilter>());
        }
    }
}
