using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Web.Infrastructure.Jobs;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Operations;

public sealed class MetricsTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Metrics_from_this_machine_carry_requests_database_and_jobs_in_prometheus_format()
    {
        await using var host = OperationsHosts.From(Factory, IPAddress.Loopback);
        var client = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var job = new CountingJob("metrics-probe");
        Assert.Equal(JobOutcome.Succeeded, (await host.Services.GetRequiredService<JobRunner>().RunAsync(job, force: true, CancellationToken.None)).Outcome);

        // The exporter caches a scrape for a short while: ask until the latest figures are in.
        var text = "";
        for (var i = 0; i < 40 && !text.Contains("metrics-probe", StringComparison.Ordinal); i++)
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (!text.Contains("metrics-probe", StringComparison.Ordinal)) await Task.Delay(250);
        }
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Contains("http_route=\"/health/ready\"", text);
        Assert.Contains("# TYPE db_client_operation_duration_seconds histogram", text);
        Assert.Contains("# TYPE db_client_connection_count gauge", text);
        Assert.Matches("remotesupport_jobs_runs_total\\{[^}]*job=\"metrics-probe\",outcome=\"succeeded\"\\} 1\n", text);
        Assert.Matches("remotesupport_jobs_duration_seconds_bucket\\{[^}]*job=\"metrics-probe\",outcome=\"succeeded\",le=\"1\"\\} 1\n", text);
        Assert.Matches("remotesupport_jobs_last_success_seconds\\{[^}]*job=\"metrics-probe\"\\} " + TestClock.Start.ToUnixTimeSeconds() + "\n", text);
    }

    [Fact]
    public async Task Metrics_are_not_found_from_elsewhere_unless_the_network_is_listed()
    {
        var outside = IPAddress.Parse("203.0.113.7");
        await using (var host = OperationsHosts.From(Factory, outside))
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().Http.GetAsync("/metrics")).StatusCode);

        await using var listed = OperationsHosts.From(Factory, outside, ("Operations:AllowedNetworks", "203.0.113.0/24"));
        Assert.Equal(HttpStatusCode.OK, (await listed.Client().GetAsync("/metrics")).StatusCode);
    }
}
