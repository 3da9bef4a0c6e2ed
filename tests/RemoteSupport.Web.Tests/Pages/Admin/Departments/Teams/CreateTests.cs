using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Departments.Teams;

public sealed class CreateTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Adds_a_team_and_records_it()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.SubmitAsync($"/Admin/Departments/Teams/Create/{World.Cd56.Id}", new() { ["Input.Name"] = " Pays de Pontivy " });
        Assert.Equal("L'équipe a été ajoutée.", page.Flash);
        Assert.Contains("Pays de Pontivy", page.Text);
        var team = await Factory.WithDbAsync(db => db.Teams.AsNoTracking().SingleAsync(t => t.Name == "Pays de Pontivy"));
        Assert.Equal(World.Cd56.Id, team.DepartmentId);
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditArea.Teams, AuditAction.Create, team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), World.Cd56.Id),
            (audit.Area, audit.Action, audit.EntityId, audit.DepartmentId));
    }

    [Fact]
    public async Task An_empty_or_taken_name_is_refused()
    {
        var client = await SignInAsync(World.Admin56);
        var url = $"/Admin/Departments/Teams/Create/{World.Cd56.Id}";
        Assert.Equal("Saisissez le nom de l'équipe.", (await client.SubmitAsync(url, new() { ["Input.Name"] = "  " })).ErrorFor("Input.Name"));
        Assert.Equal("Une équipe porte déjà ce nom dans ce département.", (await client.SubmitAsync(url, new() { ["Input.Name"] = "pays de VANNES" })).ErrorFor("Input.Name"));
        Assert.Equal("Le nom de l'équipe ne peut pas dépasser 120 caractères.", (await client.SubmitAsync(url, new() { ["Input.Name"] = new string('x', 121) })).ErrorFor("Input.Name"));
        Assert.Equal("Le nom de l'équipe contient des caractères non autorisés.", (await client.SubmitAsync(url, new() { ["Input.Name"] = "Équipe\u200B" })).ErrorFor("Input.Name"));
        // The same name in another department is fine: names are unique per department.
        var super = await SignInAsync(World.SuperAdmin);
        var page = await super.SubmitAsync($"/Admin/Departments/Teams/Create/{World.Cd29.Id}", new() { ["Input.Name"] = "Pays de Vannes" });
        Assert.Equal("L'équipe a été ajoutée.", page.Flash);
        Assert.Single(await Factory.AuditAsync());
    }
}
