using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Security;

/// <summary>The department's sign-in settings, on the administrator's department form.</summary>
public sealed class DepartmentSignInSettingsTests(AppFactory factory) : WebTest(factory)
{
    private string Url => $"/Admin/Departments/Edit/{World.Cd56.Id}";

    [Fact]
    public async Task An_administrator_sets_the_sign_in_settings_with_an_audit_entry()
    {
        var admin = await SignInAsync(World.Admin56);
        var saved = await admin.SubmitAsync(Url, new()
        {
            ["Input.RequireTwoFactorForAll"] = "true", ["Input.TrustedBrowserDays"] = "0", ["Input.IdleTimeoutMinutes"] = "15",
        });
        Assert.Equal("Les réglages du département ont été enregistrés.", saved.Flash);
        var stored = await Factory.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == World.Cd56.Id));
        Assert.Equal((true, 0, 15), (stored.RequireTwoFactorForAll, stored.TrustedBrowserDays, stored.IdleTimeoutMinutes));
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.SingleAsync());
        Assert.Contains("IdleTimeoutMinutes", audit.After);
    }

    [Theory]
    [InlineData("31", "30", "Input.TrustedBrowserDays", "Un navigateur peut être mémorisé de 0 à 30 jours.")]
    [InlineData("7", "4", "Input.IdleTimeoutMinutes", "La déconnexion après inactivité est comprise entre 5 et 120 minutes.")]
    [InlineData("7", "121", "Input.IdleTimeoutMinutes", "La déconnexion après inactivité est comprise entre 5 et 120 minutes.")]
    [InlineData("sept", "30", "Input.TrustedBrowserDays", "Saisissez un nombre entier de jours.")]
    public async Task Settings_outside_their_limits_are_refused_next_to_their_field(string days, string minutes, string field, string message)
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync(Url, new() { ["Input.TrustedBrowserDays"] = days, ["Input.IdleTimeoutMinutes"] = minutes });
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal(days, page.ValueOf("Input.TrustedBrowserDays"));
    }
}
