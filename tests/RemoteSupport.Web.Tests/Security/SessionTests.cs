using System.Net;
using WebClient = RemoteSupport.Web.Tests.Infrastructure.WebClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Security;

/// <summary>Sessions live on the server: they end on sign-out, when idle, at their absolute lifetime, on deactivation.</summary>
public sealed class SessionTests(AppFactory factory) : WebTest(factory)
{
    private async Task<(WebClient Client, CookieContainer Cookies)> SignInWithCookiesAsync(AppUser user)
    {
        var cookies = new CookieContainer();
        var client = WebClient.WithCookies(Factory, cookies);
        await client.SignInThroughFormAsync(Factory, user.Email!, World.Password);
        return (client, cookies);
    }

    [Fact]
    public async Task After_signing_out_a_copied_session_cookie_is_refused()
    {
        var (client, cookies) = await SignInWithCookiesAsync(World.Worker56);
        var stolen = cookies.GetCookies(new Uri("http://localhost"))["rs.auth"]!.Value;
        var thief = new WebClient(Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }));
        thief.Http.DefaultRequestHeaders.Add("Cookie", $"rs.auth={stolen}");
        Assert.Equal("/Persons", (await thief.GetAsync("/Persons")).Url.AbsolutePath); // the copy works while the session is open

        var confirm = await client.GetAsync("/Account/Logout");
        await client.SubmitFormAsync(confirm, [], "main form");

        var after = await thief.Http.GetAsync("/Persons");
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.Equal("/Account/Login", new Uri(new Uri("http://localhost"), after.Headers.Location!).AbsolutePath);
        var session = await Factory.WithDbAsync(db => db.UserSessions.SingleAsync(s => s.UserId == World.Worker56.Id));
        Assert.Equal(SessionEnd.SignedOut, session.EndReason);
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_department_allows_ends_on_the_sign_in_page_keeping_the_destination()
    {
        var client = await SignInAsync(World.Worker56);
        Factory.SessionTime.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal("/Persons", (await client.GetAsync("/Persons")).Url.AbsolutePath);
        Factory.SessionTime.Advance(TimeSpan.FromMinutes(20)); // 40 minutes after sign-in, 20 after the last request
        Assert.Equal("/Persons", (await client.GetAsync("/Persons")).Url.AbsolutePath);

        Factory.SessionTime.Advance(TimeSpan.FromMinutes(31));
        var page = await client.GetAsync("/Interviews/Agenda");
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Contains("ReturnUrl=%2FInterviews%2FAgenda", page.Url.Query);
        Assert.Contains("Votre session a pris fin après une période sans activité", page.Text);

        // Signing in again leads where the person was going.
        var back = await client.SubmitFormAsync(page, new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Equal("/Interviews/Agenda", back.Url.AbsolutePath);
    }

    [Fact]
    public async Task The_department_chooses_a_shorter_idle_time()
    {
        await Factory.WithDbAsync(db => db.Departments.Where(d => d.Id == World.Cd56.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.IdleTimeoutMinutes, 10)));
        var client = await SignInAsync(World.Worker56);
        Factory.SessionTime.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("/Account/Login", (await client.GetAsync("/Persons")).Url.AbsolutePath);
    }

    [Fact]
    public async Task A_session_ends_after_ten_hours_however_active()
    {
        var client = await SignInAsync(World.Worker56);
        for (var i = 0; i < 29; i++)
        {
            Factory.SessionTime.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal("/Persons", (await client.GetAsync("/Persons")).Url.AbsolutePath);
        }
        Factory.SessionTime.Advance(TimeSpan.FromMinutes(21));
        var page = await client.GetAsync("/Persons");
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
        Assert.Contains("Votre session a atteint sa durée maximale", page.Text);
    }

    [Fact]
    public async Task A_deactivated_account_is_refused_at_its_very_next_request_and_its_form_writes_nothing()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Worker56.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));

        var posted = await client.SubmitFormManyAsync(form, Pages.Persons.PersonForm.Complete());
        Assert.Equal("/Account/Login", posted.Url.AbsolutePath);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync()));
    }

    [Fact]
    public async Task A_role_taken_away_applies_at_the_very_next_request()
    {
        var client = await SignInAsync(World.Lead56);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/TeamLead/Priorities")).Status);
        await Factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var lead = (await users.FindByIdAsync(World.Lead56.Id.ToString()))!;
            await users.RemoveFromRoleAsync(lead, Roles.TeamLead);
            await users.AddToRoleAsync(lead, Roles.SocialWorker);
            return true;
        });

        var page = await client.GetAsync("/TeamLead/Priorities");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Persons")).Status);
    }

    [Fact]
    public async Task A_new_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var other = await SignInAsync(World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var changed = await client.SubmitAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = World.Password, ["Input.NewPassword"] = "Une phrase de passe neuve", ["Input.ConfirmPassword"] = "Une phrase de passe neuve",
        });
        Assert.Equal("Votre mot de passe a été changé.", changed.Flash);
        Assert.Equal("/Persons", (await client.GetAsync("/Persons")).Url.AbsolutePath);
        Assert.Equal("/Account/Login", (await other.GetAsync("/Persons")).Url.AbsolutePath);
    }

    [Fact]
    public async Task A_department_taken_away_by_any_write_applies_at_the_very_next_request()
    {
        var admin = await SignInAsync(World.SuperAdmin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Admin/Departments/Edit/{World.Cd29.Id}")).Status);
        // Not through a page nor UserManager: a direct delete, as an operator's script would do (the trigger moves the
        // claims version whatever writes).
        await Factory.WithDbAsync(db => db.UserDepartmentGrants.Where(g => g.UserId == World.SuperAdmin.Id && g.DepartmentId == World.Cd29.Id)
            .ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Departments/Edit/{World.Cd29.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Admin/Departments/Edit/{World.Cd56.Id}")).Status);
    }

    [Fact]
    public async Task A_team_changed_by_any_write_applies_at_the_very_next_request()
    {
        var person = await World.AddPersonAsync(Factory, World.OtherTeamWorker56);
        var client = await SignInAsync(World.Worker56);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Persons/Details/{person.Id}")).Status);
        await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Worker56.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TeamId, World.Lorient.Id)));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Persons/Details/{person.Id}")).Status);
    }

    [Fact]
    public async Task The_claims_version_moves_with_what_the_cookie_holds_and_only_then()
    {
        Task<int> Version() => Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Admin56.Id).Select(u => u.ClaimsVersion).SingleAsync());
        async Task<bool> Moves(Func<AppDbContext, Task> change)
        {
            var before = await Version();
            await Factory.WithDbAsync(change);
            return await Version() != before;
        }

        Assert.True(await Moves(db => db.UserDepartmentGrants.AddAsync(new UserDepartmentGrant { UserId = World.Admin56.Id, DepartmentId = World.Cd29.Id })
            .AsTask().ContinueWith(_ => db.SaveChangesAsync()).Unwrap()));
        Assert.True(await Moves(db => db.UserDepartmentGrants.Where(g => g.UserId == World.Admin56.Id).ExecuteDeleteAsync()));
        Assert.True(await Moves(db => db.Users.Where(u => u.Id == World.Admin56.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Alain Autre"))));
        Assert.True(await Moves(db => db.Users.Where(u => u.Id == World.Admin56.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, true))));
        Assert.True(await Moves(db => db.Users.Where(u => u.Id == World.Admin56.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TeamId, World.Vannes.Id))));
        Assert.False(await Moves(db => db.Users.Where(u => u.Id == World.Admin56.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutCount, 3))));
        // Through UserManager, whose UpdateAsync writes every column: the trigger's value is not overwritten.
        var before = await Version();
        await Factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var admin = (await users.FindByIdAsync(World.Admin56.Id.ToString()))!;
            await users.AddToRoleAsync(admin, Roles.TeamLead);
            return true;
        });
        Assert.NotEqual(before, await Version());
    }
}
