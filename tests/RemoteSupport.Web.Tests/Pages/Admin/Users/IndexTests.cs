using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Users;

public sealed class IndexTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_one_department_admin_lists_only_the_accounts_of_that_department()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/Admin/Users");
        Assert.Contains("Léa Travailleuse", page.Text);
        Assert.Contains("Nadia Cadre", page.Text);
        Assert.DoesNotContain("Maël Finistère", page.Text);
        Assert.DoesNotContain("Yann Cadre", page.Text);
        Assert.Contains("6 compte(s)", page.Text);

        var super = await SignInAsync(World.SuperAdmin);
        page = await super.GetAsync("/Admin/Users");
        Assert.Contains("Maël Finistère", page.Text);
        Assert.Contains("8 compte(s)", page.Text);
    }

    [Fact]
    public async Task Searches_by_name_or_address_and_filters_by_department_role_and_state()
    {
        var client = await SignInAsync(World.SuperAdmin);
        var page = await client.GetAsync("/Admin/Users?q=cadre");
        Assert.Contains("Nadia Cadre", page.Text);
        Assert.Contains("Yann Cadre", page.Text);
        Assert.DoesNotContain("Léa Travailleuse", page.Text);

        page = await client.GetAsync("/Admin/Users?q=ts1%40cd29");
        Assert.Contains("1 compte(s)", page.Text);
        Assert.Contains("Maël Finistère", page.Text);

        page = await client.GetAsync($"/Admin/Users?department={World.Cd29.Id}&role=TeamLead");
        Assert.Contains("1 compte(s)", page.Text);
        Assert.Contains("Yann Cadre", page.Text);

        await Factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.Id == World.Colleague56.Id).IsActive = false;
            await db.SaveChangesAsync();
        });
        page = await client.GetAsync("/Admin/Users?active=false");
        Assert.Contains("1 compte(s)", page.Text);
        Assert.Contains("Hugo Collègue", page.Text);
        Assert.Contains("Désactivé", page.Text);
    }

    [Fact]
    public async Task Another_department_in_the_filter_shows_nothing_of_it()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync($"/Admin/Users?department={World.Cd29.Id}");
        Assert.Contains("0 compte(s)", page.Text);
        Assert.DoesNotContain("Maël", page.Text);
    }

    [Fact]
    public async Task Odd_filter_values_fall_back_instead_of_failing()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/Admin/Users?active=peut-%C3%AAtre&page=-3&department=abc&role=Root&q=%25_%5C%3Cscript%3E");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("0 compte(s)", page.Text);
        page = await client.GetAsync("/Admin/Users?active=peut-%C3%AAtre&page=99999&department=abc&role=Root");
        Assert.Contains("6 compte(s)", page.Text);
    }

    [Fact]
    public async Task Pages_through_long_lists()
    {
        await Factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            for (var i = 0; i < 50; i++)
            {
                var email = $"agent{i:00}@cd56.test";
                await users.CreateAsync(new AppUser { UserName = email, Email = email, DisplayName = $"Zoé Agent {i:00}", DepartmentId = World.Cd56.Id, CreatedAt = TestClock.Start });
            }
            return true;
        });
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/Admin/Users");
        Assert.Contains("56 compte(s)", page.Text);
        Assert.Contains("Page 1 sur 2", page.Text);
        Assert.DoesNotContain("Zoé Agent 49", page.Text);
        page = await client.GetAsync(new Uri(page.Url, page.Document.QuerySelector(".pager a")!.GetAttribute("href")!).PathAndQuery);
        Assert.Contains("Page 2 sur 2", page.Text);
        Assert.Contains("Zoé Agent 49", page.Text);
        Assert.Equal(6, page.Document.QuerySelectorAll("table.list tbody tr").Length);
    }

    [Fact]
    public async Task An_administrator_lands_on_the_users_page()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/");
        Assert.Equal("/Admin/Users", page.Url.AbsolutePath);
        Assert.Contains("Utilisateurs", page.Text);
    }
}
