using System.Net;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests;

public sealed class HealthTests(AppFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_without_sign_in(string url)
    {
        var response = await Anonymous().Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
