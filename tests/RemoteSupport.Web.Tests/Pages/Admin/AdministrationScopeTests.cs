using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin;

/// <summary>The administration scope as a resource-based authorization handler, and its use by the write handlers themselves.</summary>
public sealed class AdministrationScopeTests(AppFactory factory) : WebTest(factory)
{
    private static ClaimsPrincipal Principal(string role, params int[] departments) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, role),
            .. departments.Select(d => new Claim(AppClaims.Department, d.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
        "test"));

    [Fact]
    public async Task Only_an_administrator_covering_the_department_is_allowed()
    {
        var authorization = Factory.Services.GetRequiredService<IAuthorizationService>();
        async Task<bool> Allowed(ClaimsPrincipal user, int department) =>
            (await authorization.AuthorizeAsync(user, new DepartmentScope(department), RemoteSupport.Web.Authorization.Operations.Edit)).Succeeded;

        Assert.True(await Allowed(Principal(Roles.Admin, 56), 56));
        Assert.True(await Allowed(Principal(Roles.Admin, 56, 29), 29));
        Assert.False(await Allowed(Principal(Roles.Admin, 56), 29));
        // A team lead of the department is not its administrator.
        Assert.False(await Allowed(Principal(Roles.TeamLead, 56), 56));
        Assert.False(await Allowed(new ClaimsPrincipal(new ClaimsIdentity()), 56));
    }

    [Fact]
    public async Task Forged_posts_on_another_departments_records_answer_404_and_change_nothing()
    {
        var tool = await Factory.WithDbAsync(async db =>
        {
            var t = new Domain.Departments.VideoTool { DepartmentId = World.Cd29.Id, Name = "Visio du Finistère", PrivacyNote = "Note." };
            db.VideoTools.Add(t);
            await db.SaveChangesAsync();
            return t;
        });
        var admin = await SignInAsync(World.Admin56);
        var own = await admin.GetAsync($"/Admin/Departments/Edit/{World.Cd56.Id}");

        var posts = new (string Url, (string, string)[] Fields)[]
        {
            ($"/Admin/Departments/Teams/Edit/{World.Brest.Id}", [("Input.Name", "Piraté"), ("Version", "1")]),
            ($"/Admin/Departments/Teams/Create/{World.Cd29.Id}", [("Input.Name", "Piraté")]),
            ($"/Admin/VideoTools/Edit/{tool.Id}", [("Input.Name", "Piraté"), ("Input.PrivacyNote", "Piraté")]),
            ($"/Admin/VideoTools/Edit/{tool.Id}?handler=Delete", []),
            ($"/Admin/VideoTools/Create/{World.Cd29.Id}", [("Input.Name", "Piraté"), ("Input.PrivacyNote", "Piraté")]),
            ($"/Admin/Users/Edit/{World.Worker29.Id}?handler=Deactivate", []),
            ($"/Admin/Users/ResetPassword/{World.Worker29.Id}", []),
            ($"/Admin/Checklists/Edit/{World.Cd29.Id}/Phone?handler=CreateDraft", []),
        };
        foreach (var (url, fields) in posts)
        {
            var page = await admin.PostWithTokenAsync(own, url, fields);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"POST {url} answered {page.Status}");
        }

        Assert.Empty(await Factory.AuditAsync());
        await Factory.WithDbAsync(async db =>
        {
            Assert.False(await db.Teams.AnyAsync(t => t.Name == "Piraté"));
            Assert.Equal("Visio du Finistère", (await db.VideoTools.SingleAsync(t => t.Id == tool.Id)).Name);
            Assert.True((await db.Users.SingleAsync(u => u.Id == World.Worker29.Id)).IsActive);
            Assert.False(await db.ChecklistTemplates.AnyAsync(t => t.DepartmentId == World.Cd29.Id));
        });
    }
}
