using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using RemoteSupport.Web.Infrastructure.Operations;

namespace RemoteSupport.Web.Tests.Operations;

/// <summary>Who may read /metrics and the readiness details: loopback, and the listed networks only.</summary>
public sealed class OperationsAccessTests
{
    private static bool Allows(string? client, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = client is null ? null : IPAddress.Parse(client);
        return new OperationsAccess(configuration).Allows(context);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.53", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.20.0.9", false)]
    [InlineData("203.0.113.7", false)]
    [InlineData(null, false)]
    public void Loopback_only_by_default(string? client, bool allowed) => Assert.Equal(allowed, Allows(client));

    [Fact]
    public void Listed_networks_from_appsettings_or_one_environment_variable()
    {
        (string, string)[] list = [("Operations:AllowedNetworks:0", "10.20.0.0/16"), ("Operations:AllowedNetworks:1", "192.0.2.0/24")];
        Assert.True(Allows("10.20.3.4", list));
        Assert.True(Allows("192.0.2.200", list));
        Assert.False(Allows("10.21.0.1", list));

        (string, string)[] variable = [("Operations:AllowedNetworks", "10.20.0.0/16, 192.0.2.0/24")];
        Assert.True(Allows("10.20.3.4", variable));
        Assert.True(Allows("::ffff:192.0.2.200", variable));
        Assert.False(Allows("198.51.100.1", variable));
    }
}
