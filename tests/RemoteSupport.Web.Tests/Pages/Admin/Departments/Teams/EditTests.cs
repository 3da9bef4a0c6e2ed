using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Departments.Teams;

public sealed class EditTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Renames_a_team_and_records_old_and_new_names()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.SubmitAsync($"/Admin/Departments/Teams/Edit/{World.Lorient.Id}", new() { ["Input.Name"] = "Pays de Lorient et Quimperlé" });
        Assert.Equal("L'équipe a été renommée.", page.Flash);
        Assert.Equal("Pays de Lorient et Quimperlé", await Factory.WithDbAsync(db => db.Teams.Where(t => t.Id == World.Lorient.Id).Select(t => t.Name).SingleAsync()));
        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal("""{"Name": "Pays de Lorient"}""", audit.Before);
        Assert.Equal("""{"Name": "Pays de Lorient et Quimperlé"}""", audit.After);

        page = await client.SubmitAsync($"/Admin/Departments/Teams/Edit/{World.Lorient.Id}", new() { ["Input.Name"] = "Pays de Vannes" });
        Assert.Equal("Une équipe porte déjà ce nom dans ce département.", page.ErrorFor("Input.Name"));
    }

    [Fact]
    public async Task The_second_of_two_concurrent_renames_is_refused_and_keeps_what_was_typed()
    {
        var url = $"/Admin/Departments/Teams/Edit/{World.Lorient.Id}";
        var first = await SignInAsync(World.Admin56);
        var second = await SignInAsync(World.SuperAdmin);
        var firstForm = await first.GetAsync(url);
        var secondForm = await second.GetAsync(url);

        Assert.Equal("L'équipe a été renommée.", (await first.SubmitFormAsync(firstForm, new() { ["Input.Name"] = "Lorient Agglomération" })).Flash);
        var refused = await second.SubmitFormAsync(secondForm, new() { ["Input.Name"] = "Pays de Lorient-Quimperlé" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(PageModelExtensions.ConcurrencyMessage, refused.Summary);
        Assert.Equal("Pays de Lorient-Quimperlé", refused.ValueOf("Input.Name"));
        Assert.Equal("Lorient Agglomération", await Factory.WithDbAsync(db => db.Teams.Where(t => t.Id == World.Lorient.Id).Select(t => t.Name).SingleAsync()));
        Assert.Single(await Factory.AuditAsync());
    }

    [Fact]
    public async Task A_team_of_another_department_answers_404()
    {
        var client = await SignInAsync(World.Admin56);
        var url = $"/Admin/Departments/Teams/Edit/{World.Brest.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).Status);
        var own = await client.GetAsync($"/Admin/Departments/Teams/Edit/{World.Vannes.Id}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync(own, url, ("Input.Name", "Piraté"))).Status);
        Assert.Equal("Pays de Brest", await Factory.WithDbAsync(db => db.Teams.Where(t => t.Id == World.Brest.Id).Select(t => t.Name).SingleAsync()));
        Assert.Empty(await Factory.AuditAsync());
    }
}
