using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Departments;

public sealed class EditTests(AppFactory factory) : WebTest(factory)
{
    private string Url => $"/Admin/Departments/Edit/{World.Cd56.Id}";

    [Fact]
    public async Task Saves_the_settings_and_records_only_what_changed()
    {
        var client = await SignInAsync(World.Admin56);
        var form = await client.GetAsync(Url);
        Assert.Equal("09:00", form.ValueOf("Input.WorkDayStart"));
        Assert.Contains("Pays de Vannes", form.Text);

        var page = await client.SubmitFormManyAsync(form, [
            ("Input.Name", "Morbihan (56)"), ("Input.WorkingDays", "1"), ("Input.WorkingDays", "2"), ("Input.WorkingDays", "4"),
            ("Input.WorkDayStart", "08:30"), ("Input.WorkDayEnd", "16:45"), ("Input.DefaultContactFrequencyDays", "21"),
            ("Input.NotContactedAlertDays", "60"), ("Input.SmsQuietFrom", "18:30"), ("Input.SmsQuietUntil", "09:00")]);
        Assert.Equal("Les réglages du département ont été enregistrés.", page.Flash);
        Assert.Equal("16:45", page.ValueOf("Input.WorkDayEnd"));

        var d = await Factory.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(x => x.Id == World.Cd56.Id));
        Assert.Equal(("Morbihan (56)", "CD56"), (d.Name, d.Code));
        Assert.Equal([1, 2, 4], d.WorkingDays);
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(16, 45)), (d.WorkDayStart, d.WorkDayEnd));
        Assert.Equal((21, 60), (d.DefaultContactFrequencyDays, d.NotContactedAlertDays));
        Assert.Equal((new TimeOnly(18, 30), new TimeOnly(9, 0)), (d.SmsQuietFrom, d.SmsQuietUntil));

        var audit = Assert.Single(await Factory.AuditAsync());
        Assert.Equal((AuditArea.Departments, AuditAction.Update, World.Cd56.Id), (audit.Area, audit.Action, audit.DepartmentId));
        Assert.DoesNotContain("Code", audit.After);
        Assert.Contains("\"WorkingDays\": [1, 2, 4]", audit.After);
        Assert.Contains("\"WorkingDays\": [1, 2, 3, 4, 5]", audit.Before);
    }

    [Fact]
    public async Task The_second_of_two_concurrent_saves_is_refused_and_keeps_what_was_typed()
    {
        var first = await SignInAsync(World.Admin56);
        var second = await SignInAsync(World.SuperAdmin);
        var firstForm = await first.GetAsync(Url);
        var secondForm = await second.GetAsync(Url);

        var saved = await first.SubmitFormAsync(firstForm, new() { ["Input.WorkDayStart"] = "08:00" });
        Assert.Equal("Les réglages du département ont été enregistrés.", saved.Flash);
        var refused = await second.SubmitFormAsync(secondForm, new() { ["Input.Name"] = "Morbihan (56)", ["Input.NotContactedAlertDays"] = "45" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(PageModelExtensions.ConcurrencyMessage, refused.Summary);
        Assert.Equal(("Morbihan (56)", "45"), (refused.ValueOf("Input.Name"), refused.ValueOf("Input.NotContactedAlertDays")));
        var stored = await Factory.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == World.Cd56.Id));
        Assert.Equal(new TimeOnly(8, 0), stored.WorkDayStart);
        Assert.NotEqual("Morbihan (56)", stored.Name);
        Assert.Single(await Factory.AuditAsync());

        // A tampered version is never the current one; reloading the form picks up the new version, and the save goes through.
        var tampered = await second.PostWithTokenAsync(secondForm, Url, ("Version", "abc"), ("Input.Code", "CD56"), ("Input.Name", "Morbihan (56)"),
            ("Input.WorkingDays", "1"), ("Input.WorkDayStart", "09:00"), ("Input.WorkDayEnd", "17:00"), ("Input.DefaultContactFrequencyDays", "30"),
            ("Input.NotContactedAlertDays", "45"), ("Input.SmsQuietFrom", "20:00"), ("Input.SmsQuietUntil", "08:00"));
        Assert.Contains(PageModelExtensions.ConcurrencyMessage, tampered.Summary);
        var reloaded = await second.GetAsync(Url);
        Assert.Equal("08:00", reloaded.ValueOf("Input.WorkDayStart"));
        var retried = await second.SubmitFormAsync(reloaded, new() { ["Input.Name"] = "Morbihan (56)" });
        Assert.Equal("Les réglages du département ont été enregistrés.", retried.Flash);
        Assert.Equal("Morbihan (56)", await Factory.WithDbAsync(db => db.Departments.Where(d => d.Id == World.Cd56.Id).Select(d => d.Name).SingleAsync()));
    }

    [Fact]
    public async Task Out_of_range_and_malformed_settings_get_French_messages()
    {
        var client = await SignInAsync(World.Admin56);
        var form = await client.GetAsync(Url);
        var page = await client.PostWithTokenAsync(form, Url,
            ("Input.Code", "CD56"), ("Input.Name", "Morbihan"), ("Input.WorkDayStart", "18:00"), ("Input.WorkDayEnd", "08:00"),
            ("Input.DefaultContactFrequencyDays", "0"), ("Input.NotContactedAlertDays", "731"), ("Input.SmsQuietFrom", "20:00"), ("Input.SmsQuietUntil", "20:00"));
        Assert.Equal("Cochez au moins un jour travaillé.", page.ErrorFor("Input.WorkingDays"));
        Assert.Equal("La fin de la journée doit venir après son début.", page.ErrorFor("Input.WorkDayEnd"));
        Assert.Equal("La fréquence de contact par défaut est comprise entre 1 et 365 jours.", page.ErrorFor("Input.DefaultContactFrequencyDays"));
        Assert.Equal("Le délai d'alerte est compris entre 1 et 730 jours.", page.ErrorFor("Input.NotContactedAlertDays"));
        Assert.Equal("La période sans SMS doit finir à une autre heure que celle où elle commence.", page.ErrorFor("Input.SmsQuietUntil"));

        page = await client.SubmitFormManyAsync(form, [("Input.WorkDayStart", "25:99"), ("Input.DefaultContactFrequencyDays", "trente"),
            ("Input.WorkingDays", "8"), ("Input.WorkingDays", "lundi"), ("Input.Code", "CD29")]);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Saisissez une heure au format HH:MM, par exemple 09:00.", page.ErrorFor("Input.WorkDayStart"));
        Assert.Equal("Saisissez un nombre entier de jours.", page.ErrorFor("Input.DefaultContactFrequencyDays"));
        Assert.Equal("Un des jours cochés n'existe pas.", page.ErrorFor("Input.WorkingDays"));

        page = await client.SubmitFormAsync(form, new() { ["Input.Code"] = "cd29" });
        Assert.Equal("Ce code est déjà utilisé par un autre département.", page.ErrorFor("Input.Code"));

        var d = await Factory.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(x => x.Id == World.Cd56.Id));
        Assert.Equal(("CD56", 30, new TimeOnly(9, 0)), (d.Code, d.DefaultContactFrequencyDays, d.WorkDayStart));
        Assert.Empty(await Factory.AuditAsync());
    }

    [Fact]
    public async Task Another_department_answers_404_and_stays_unchanged()
    {
        var client = await SignInAsync(World.Admin56);
        var url = $"/Admin/Departments/Edit/{World.Cd29.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).Status);
        var own = await client.GetAsync(Url);
        var page = await client.PostWithTokenAsync(own, url, ("Input.Code", "CD29"), ("Input.Name", "Piraté"), ("Input.WorkingDays", "1"),
            ("Input.WorkDayStart", "09:00"), ("Input.WorkDayEnd", "17:00"), ("Input.DefaultContactFrequencyDays", "30"),
            ("Input.NotContactedAlertDays", "45"), ("Input.SmsQuietFrom", "19:00"), ("Input.SmsQuietUntil", "08:30"));
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Admin/Departments/Teams/Create/{World.Cd29.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync(own, $"/Admin/Departments/Teams/Create/{World.Cd29.Id}", ("Input.Name", "Intrus"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Admin/Departments/Edit/999999")).Status);

        Assert.Equal("Finistère", await Factory.WithDbAsync(db => db.Departments.Where(d => d.Id == World.Cd29.Id).Select(d => d.Name).SingleAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Teams.CountAsync(t => t.DepartmentId == World.Cd29.Id)));
        Assert.Empty(await Factory.AuditAsync());
    }
}
