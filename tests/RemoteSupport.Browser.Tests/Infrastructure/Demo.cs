using RemoteSupport.Web.Data.Seed;

namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>A demo account (README, "Demo accounts"): the browser signs in with it through the real form.</summary>
public sealed record DemoUser(string Email, string Name)
{
    public override string ToString() => Email;
}

public static class Demo
{
    public const string Password = DemoSeeder.DemoPassword;

    /// <summary>
    /// Most screenshots show their caseload. Their interview journey writes only after the pages are pictured (the
    /// journeys run last, see <see cref="JourneyCollection"/>), so the pictures stay the same from run to run.
    /// </summary>
    public static readonly DemoUser Worker = Account("ts1.cd56@remotesupport.test");
    /// <summary>Creates persons in the journeys.</summary>
    public static readonly DemoUser Colleague = Account("ts2.cd56@remotesupport.test");
    /// <summary>Does the keyboard-only journey.</summary>
    public static readonly DemoUser Worker29 = Account("ts1.cd29@remotesupport.test");
    public static readonly DemoUser Lead = Account("cadre.cd56@remotesupport.test");
    public static readonly DemoUser Lead29 = Account("cadre.cd29@remotesupport.test");
    public static readonly DemoUser Admin = Account("admin@remotesupport.test");

    /// <summary>The code the demo authenticator key gives at the app's fixed "now" (RFC 6238).</summary>
    public static string Code(string key = DemoSeeder.DemoAuthenticatorKey) =>
        RemoteSupport.Web.Identity.Totp.Code(RemoteSupport.Web.Identity.Totp.FromBase32(key.Replace(" ", "", StringComparison.Ordinal)),
            RemoteSupport.Web.Identity.Totp.StepAt(BrowserApp.Now));

    public static string NameOf(string email) => DemoSeeder.Accounts.Single(a => a.Email == email).Name;

    private static DemoUser Account(string email) => new(email, NameOf(email));
}
