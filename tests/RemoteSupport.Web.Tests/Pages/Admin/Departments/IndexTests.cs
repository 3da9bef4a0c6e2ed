using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Departments;

public sealed class IndexTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Lists_only_the_departments_the_admin_manages()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/Admin/Departments");
        Assert.Contains("CD56 – Morbihan", page.Text);
        Assert.DoesNotContain("Finistère", page.Text);
        // A one-department administrator cannot create departments.
        Assert.DoesNotContain("Nouveau département", page.Text);

        var super = await SignInAsync(World.SuperAdmin);
        page = await super.GetAsync("/Admin/Departments");
        Assert.Contains("CD56 – Morbihan", page.Text);
        Assert.Contains("CD29 – Finistère", page.Text);
        Assert.Contains("Nouveau département", page.Text);
    }
}
