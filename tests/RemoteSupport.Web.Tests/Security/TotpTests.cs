using System.Text;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Tests.Security;

public sealed class TotpTests
{
    // RFC 6238, appendix B (SHA-1 secret "12345678901234567890"): the last six digits of its eight-digit codes.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Codes_match_the_rfc_6238_test_vectors(long unixSeconds, string expected)
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal(expected, Totp.Code(secret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));
    }

    [Fact]
    public void Base32_keys_read_as_authenticator_apps_read_them() =>
        Assert.Equal(Encoding.ASCII.GetBytes("12345678901234567890"), Totp.FromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
}
