using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Departments;

public sealed class CreateTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task An_admin_of_every_department_creates_one_and_manages_it_at_once()
    {
        var client = await SignInAsync(World.SuperAdmin);
        var page = await client.SubmitAsync("/Admin/Departments/Create", new() { ["Input.Code"] = " cd35 ", ["Input.Name"] = "Ille-et-Vilaine" });
        Assert.Contains("Le département a été créé", page.Flash);
        Assert.Contains("CD35 – Ille-et-Vilaine", page.Text);

        var created = await Factory.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.Code == "CD35"));
        Assert.Equal([1, 2, 3, 4, 5], created.WorkingDays);
        Assert.True(await Factory.WithDbAsync(db => db.UserDepartmentGrants.AnyAsync(g => g.UserId == World.SuperAdmin.Id && g.DepartmentId == created.Id)));
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditArea.Departments, AuditAction.Create, created.Id), (audit.Area, audit.Action, audit.DepartmentId));
        Assert.Equal("""{"Code": "CD35", "Name": "Ille-et-Vilaine"}""", audit.After);

        // The new department is in the creator's scope straight away: they can add a team to it.
        page = await client.SubmitAsync($"/Admin/Departments/Teams/Create/{created.Id}", new() { ["Input.Name"] = "Pays de Rennes" });
        Assert.Equal("L'équipe a été ajoutée.", page.Flash);
    }

    [Fact]
    public async Task A_one_department_admin_is_refused()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/Admin/Departments/Create");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        var own = await client.GetAsync("/Account/ChangePassword"); // a form of the admin's own session
        page = await client.PostWithTokenAsync(own, "/Admin/Departments/Create", ("Input.Code", "CD35"), ("Input.Name", "Ille-et-Vilaine"));
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.False(await Factory.WithDbAsync(db => db.Departments.AnyAsync(d => d.Code == "CD35")));
    }

    [Fact]
    public async Task A_bad_or_taken_code_is_refused_in_French()
    {
        var client = await SignInAsync(World.SuperAdmin);
        var page = await client.SubmitAsync("/Admin/Departments/Create", new() { ["Input.Code"] = "cd29", ["Input.Name"] = "Doublon" });
        Assert.Equal("Ce code est déjà utilisé par un autre département.", page.ErrorFor("Input.Code"));

        foreach (var code in new[] { "C", "CD 35", "CDÉ5", "<b>", new string('A', 17) })
        {
            page = await client.SubmitAsync("/Admin/Departments/Create", new() { ["Input.Code"] = code, ["Input.Name"] = "Test" });
            Assert.StartsWith("Le code compte de 2 à 16 lettres ou chiffres", page.ErrorFor("Input.Code"));
        }
        page = await client.SubmitAsync("/Admin/Departments/Create", new() { ["Input.Code"] = "", ["Input.Name"] = "<script>" });
        Assert.Equal("Saisissez le code du département, par exemple CD56.", page.ErrorFor("Input.Code"));
        Assert.Equal("Le nom contient des caractères non autorisés.", page.ErrorFor("Input.Name"));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Departments.CountAsync()));
        Assert.Empty(await Factory.AuditAsync());
    }
}
