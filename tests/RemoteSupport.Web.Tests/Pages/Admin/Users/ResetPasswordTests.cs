using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Users;

public sealed class ResetPasswordTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Gives_a_new_one_time_password_that_must_be_changed_at_next_sign_in()
    {
        var worker = await SignInAsync(World.Worker56);
        var admin = await SignInAsync(World.Admin56);
        var confirm = await admin.GetAsync($"/Admin/Users/ResetPassword/{World.Worker56.Id}");
        Assert.Contains("Nouveau mot de passe provisoire pour Léa Travailleuse", confirm.Text);

        var page = await admin.SubmitFormAsync(confirm, []);
        var password = page.Document.GetElementById("one-time-password")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(password), page.Summary);
        Assert.True(password!.Length >= 12);

        var stored = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == World.Worker56.Id));
        Assert.True(stored.MustChangePassword);
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditArea.Users, AuditAction.ResetPassword, World.Worker56.Id.ToString()), (audit.Area, audit.Action, audit.EntityId));
        Assert.DoesNotContain(password, audit.After + audit.Before);
        Assert.DoesNotContain("Hash", audit.After + audit.Before);

        // The old password no longer works, the open session ends, the new one leads to the change-password page.
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("/Account/Login", (await worker.GetAsync("/Persons")).Url.AbsolutePath);
        var old = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Contains("incorrect", old.Summary);
        var again = await WebClient.SignInAsync(Factory, World.Worker56.Email!, password);
        Assert.Equal("/Account/ChangePassword", (await again.GetAsync("/")).Url.AbsolutePath);
    }

    [Fact]
    public async Task An_admin_resets_their_own_password_through_the_usual_page()
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync($"/Admin/Users/ResetPassword/{World.Admin56.Id}", []);
        Assert.Contains("changez votre mot de passe avec le lien « Mot de passe »", page.Summary);
        Assert.Null(page.Document.GetElementById("one-time-password"));
        Assert.Empty(await Factory.AuditAsync());
    }
}
