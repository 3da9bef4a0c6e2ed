using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RemoteSupport.Web.Tests.Infrastructure;
using WebClient = RemoteSupport.Web.Tests.Infrastructure.WebClient;

namespace RemoteSupport.Web.Tests.Security;

public sealed class DatabaseOutageTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task While_the_database_is_unreachable_pages_answer_503_with_retry_after_and_the_french_page()
    {
        var real = new NpgsqlConnectionStringBuilder(Factory.ConnectionString);
        await using var gate = new TcpGate(real.Host!, real.Port);
        var through = new NpgsqlConnectionStringBuilder(Factory.ConnectionString) { Host = "127.0.0.1", Port = gate.Port, Timeout = 3, Pooling = true }.ConnectionString;
        await using var app = Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Default", through));
        var client = new WebClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var signedIn = await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Equal("/", signedIn.Url.AbsolutePath);

        gate.Cut();
        app.Services.GetRequiredService<RemoteSupport.Web.Data.AppDataSource>().Source.Clear();

        foreach (var url in new[] { "/Persons", "/Interviews/Agenda", "/" })
        {
            using var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(Web.Infrastructure.Operations.DatabaseFailures.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Service momentanément indisponible", html);
        }
    }
}
