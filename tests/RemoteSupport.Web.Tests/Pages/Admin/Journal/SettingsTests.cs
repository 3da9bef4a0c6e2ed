using RemoteSupport.Domain.Activity;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin.Journal;

public sealed class SettingsTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task An_administrator_sets_the_retention_the_exporters_and_the_notice_texts_and_the_change_is_audited()
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync($"/Admin/Journal/Settings/{World.Cd56.Id}", new()
        {
            ["Input.ActivePeriodMonths"] = "18", ["Input.AccessJournalMonths"] = "6", ["Input.SubjectAccessExporters"] = "AlsoFollowingWorkers",
            ["Input.NoticeController"] = "Conseil départemental du Morbihan\n2 rue de Saint-Tropez",
        });
        Assert.Equal("Les réglages de protection des données sont enregistrés.", page.Flash);
        var d = await Factory.WithDbAsync(db => db.Departments.SingleAsync(x => x.Id == World.Cd56.Id));
        Assert.Equal((18, 6, SubjectAccessExporters.AlsoFollowingWorkers), (d.ActivePeriodMonths, d.AccessJournalMonths, d.SubjectAccessExporters));
        Assert.Equal("Conseil départemental du Morbihan\n2 rue de Saint-Tropez", d.NoticeController);
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Area == AuditArea.DataProtection));
        Assert.Contains("\"ActivePeriodMonths\": 18", audit.After);
        Assert.Contains("\"ActivePeriodMonths\": 24", audit.Before);
    }

    [Fact]
    public async Task Periods_outside_what_the_CNIL_allows_are_refused_next_to_the_field()
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync($"/Admin/Journal/Settings/{World.Cd56.Id}", new()
        {
            ["Input.ActivePeriodMonths"] = "36", ["Input.AccessJournalMonths"] = "3",
        });
        Assert.Equal("La durée de conservation après le dernier contact va de 6 à 24 mois.", page.ErrorFor("Input.ActivePeriodMonths"));
        Assert.Equal("Le journal des consultations se conserve de 6 à 12 mois.", page.ErrorFor("Input.AccessJournalMonths"));
        Assert.Equal("36", page.ValueOf("Input.ActivePeriodMonths"));
        Assert.Equal(24, await Factory.WithDbAsync(db => db.Departments.Where(x => x.Id == World.Cd56.Id).Select(x => x.ActivePeriodMonths).SingleAsync()));
    }

    [Fact]
    public async Task Another_department_gets_404_and_non_administrators_are_refused()
    {
        var admin = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Journal/Settings/{World.Cd29.Id}")).Status);
        var lead = await SignInAsync(World.Lead56);
        Assert.StartsWith("/Account/AccessDenied", (await lead.GetAsync($"/Admin/Journal/Settings/{World.Cd56.Id}")).Url.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", (await lead.GetAsync("/Admin/Journal/Chain")).Url.AbsolutePath, StringComparison.Ordinal);
    }
}
