using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin;

/// <summary>Every administration page, found from the app's own routes (pages added later are covered too), refuses non-administrators.</summary>
public sealed class AccessTests(AppFactory factory) : WebTest(factory)
{
    /// <summary>Named POST handlers, posted on top of each page's default one.</summary>
    private static readonly Dictionary<string, string[]> Handlers = new()
    {
        ["/Admin/Users/Edit"] = ["Deactivate", "Reactivate", "Unlock"],
        ["/Admin/VideoTools/Edit"] = ["Delete"],
    };

    private List<(string Page, string Url)> AdminRoutes()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Select(e => (Page: e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath, e.RoutePattern))
            .Where(e => e.Page is not null && e.Page.StartsWith("/Admin/", StringComparison.Ordinal))
            .Select(e => (e.Page!, Url(e.RoutePattern)))
            .Distinct()
            .ToList();
    }

    // Real ids of this world: authorization must refuse before any record is looked at.
    private string Url(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => World.Worker56.Id.ToString(),
            RoutePatternParameterPart => World.Cd56.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "",
        }))));

    [Fact]
    public void The_route_list_covers_every_administration_page()
    {
        var pages = AdminRoutes().Select(r => r.Page).ToHashSet();
        string[] expected =
        [
            "/Admin/Users/Index", "/Admin/Users/Create", "/Admin/Users/Edit", "/Admin/Users/ResetPassword",
            "/Admin/Departments/Index", "/Admin/Departments/Create", "/Admin/Departments/Edit",
            "/Admin/Departments/Teams/Create", "/Admin/Departments/Teams/Edit",
            "/Admin/VideoTools/Index", "/Admin/VideoTools/Create", "/Admin/VideoTools/Edit", "/Admin/Audit/Index",
        ];
        Assert.Subset(pages, expected.ToHashSet());
    }

    [Fact]
    public async Task Social_workers_get_403_on_every_administration_page_and_action()
    {
        await AssertForbiddenEverywhereAsync(World.Worker56);
    }

    [Fact]
    public async Task Team_leads_get_403_on_every_administration_page_and_action()
    {
        await AssertForbiddenEverywhereAsync(World.Lead56);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        foreach (var (_, url) in AdminRoutes())
            Assert.Equal("/Account/Login", (await Anonymous().GetAsync(url)).Url.AbsolutePath);
    }

    private async Task AssertForbiddenEverywhereAsync(AppUser user)
    {
        var client = await SignInAsync(user);
        // A genuine antiforgery token of this user: the refusal must come from the role, not from a missing token.
        var tokenSource = await client.GetAsync("/Account/ChangePassword");
        var routes = AdminRoutes();
        Assert.NotEmpty(routes);
        foreach (var (page, url) in routes)
        {
            var get = await client.GetAsync(url);
            Assert.True(get.Status == HttpStatusCode.Forbidden, $"GET {url} answered {get.Status}");
            Assert.Equal("/Account/AccessDenied", get.Url.AbsolutePath);
            Assert.Contains("Accès refusé", get.Text);

            foreach (var handler in Handlers.GetValueOrDefault(page, []).Prepend(""))
            {
                var target = handler == "" ? url : $"{url}?handler={handler}";
                var post = await client.PostWithTokenAsync(tokenSource, target,
                    ("Input.Email", "intrus@cd56.test"), ("Input.DisplayName", "Intrus"), ("Input.Name", "Intrus"), ("Input.Code", "CD99"),
                    ("Input.DepartmentId", World.Cd56.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Roles", Roles.Admin),
                    ("Input.PrivacyNote", "Intrus"));
                Assert.True(post.Status == HttpStatusCode.Forbidden, $"POST {target} answered {post.Status}");
            }
        }

        // Nothing was changed on the way.
        Assert.Empty(await Factory.AuditAsync());
        await Factory.WithDbAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email == "intrus@cd56.test"));
            Assert.False(await db.Departments.AnyAsync(d => d.Code == "CD99"));
            Assert.False(await db.Teams.AnyAsync(t => t.Name == "Intrus"));
            Assert.True((await db.Users.SingleAsync(u => u.Id == World.Worker56.Id)).IsActive);
        });
    }
}
