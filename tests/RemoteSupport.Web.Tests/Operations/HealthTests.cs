using System.Net;
using System.Text.Json;
using Npgsql;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Operations;

public sealed class HealthTests(AppFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_a_bare_status_without_sign_in(string url)
    {
        var response = await Anonymous().Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_tells_the_operations_network_which_database_node_the_instance_uses()
    {
        await using var host = OperationsHosts.From(Factory, IPAddress.Loopback);
        var body = await host.Client().GetStringAsync("/health/ready");

        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var data = json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("data");
        var server = new NpgsqlConnectionStringBuilder(Factory.ConnectionString);
        Assert.Equal($"127.0.0.1:{server.Port}", data.GetProperty("node").GetString());
        Assert.Equal("primary", data.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_visitor_from_outside_sees_only_the_status_of_readiness()
    {
        await using var host = OperationsHosts.From(Factory, IPAddress.Parse("203.0.113.7"));
        var response = await host.Client().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_database_readiness_fails_and_pages_answer_503_with_retry_after_and_the_french_page()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(Factory.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var host = OperationsHosts.From(Factory, IPAddress.Loopback, ("ConnectionStrings:Default", unreachable));
        var client = host.Client();

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Database unreachable", await ready.Content.ReadAsStringAsync());

        // The sign-in page needs the Data Protection keys, which live in the database.
        var page = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("5", page.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Service momentanément indisponible", await page.Content.ReadAsStringAsync());
    }
}
