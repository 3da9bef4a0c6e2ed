using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Rights;

public sealed class AccessTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_team_lead_sees_who_opened_the_file_with_date_filters_and_the_reading_is_itself_traced()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var worker = await SignInAsync(World.Worker56);
        await worker.GetAsync($"/Persons/Details/{person.Id}");
        Factory.Clock.Advance(TimeSpan.FromDays(3));
        var colleague = await SignInAsync(World.Colleague56);
        await colleague.GetAsync($"/Persons/Details/{person.Id}");

        var lead = await SignInAsync(World.Lead56);
        var page = await lead.GetAsync($"/Rights/Access/{person.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("table.access-journal tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Hugo Collègue", rows[0]);
        Assert.Contains("26/11/2026", rows[0]);
        Assert.Contains("Fiche de la personne", rows[0]);
        Assert.Contains("Léa Travailleuse", rows[1]);

        // From the 24th: the colleague's opening and the lead's own first reading, not the worker's of the 23rd.
        var filtered = await lead.GetAsync($"/Rights/Access/{person.Id}?From=2026-11-24&To=2026-11-30");
        var inPeriod = filtered.Document.QuerySelectorAll("table.access-journal tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, inPeriod.Count);
        Assert.Contains("Journal des consultations", inPeriod[0]);
        Assert.Contains("Hugo Collègue", inPeriod[1]);
        var before = await lead.GetAsync($"/Rights/Access/{person.Id}?To=2026-11-23");
        Assert.Contains("Léa Travailleuse", Assert.Single(before.Document.QuerySelectorAll("table.access-journal tbody tr")).TextContent);
        // The lead's two readings are in the trail, and show on the next reading.
        var pages = await Factory.WithDbAsync(db => db.PersonAccesses.Where(a => a.PersonId == person.Id && a.UserId == World.Lead56.Id).Select(a => a.Page).ToListAsync());
        Assert.Equal(["AccessJournal", "AccessJournal", "AccessJournal"], pages);
        var again = await lead.GetAsync($"/Rights/Access/{person.Id}");
        Assert.Contains("Journal des consultations", again.Document.QuerySelector("table.access-journal tbody tr")!.TextContent);
    }

    [Fact]
    public async Task An_administrator_of_the_department_reads_it_but_workers_and_other_departments_get_404()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var admin = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Rights/Access/{person.Id}")).Status);
        foreach (var user in new[] { World.Worker56, World.Colleague56, World.OtherTeamWorker56, World.Lead29, World.Worker29 })
        {
            var client = await SignInAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Rights/Access/{person.Id}")).Status);
        }
        Assert.Equal(1, await Factory.WithDbAsync(db => db.PersonAccesses.CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task An_administrator_lists_everything_a_user_opened_over_a_period_and_the_reading_is_audited()
    {
        var first = await World.AddPersonAsync(Factory, World.Worker56, p => p.LastName = "Premierdossier");
        var second = await World.AddPersonAsync(Factory, World.Worker56, p => p.LastName = "Secondossier");
        var worker = await SignInAsync(World.Worker56);
        await worker.GetAsync($"/Persons/Details/{first.Id}");
        Factory.Clock.Advance(TimeSpan.FromDays(10));
        worker = await SignInAsync(World.Worker56);
        await worker.GetAsync($"/Persons/Details/{second.Id}");

        var admin = await SignInAsync(World.Admin56);
        var all = await admin.GetAsync($"/Admin/Journal?UserId={World.Worker56.Id}");
        Assert.Contains("Léa Travailleuse : 2 consultation(s)", all.Text);
        var period = await admin.GetAsync($"/Admin/Journal?UserId={World.Worker56.Id}&From=2026-12-01&To=2026-12-31");
        var row = Assert.Single(period.Document.QuerySelectorAll("table.user-accesses tbody tr"));
        Assert.Contains("Secondossier", row.TextContent);
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Area == AuditArea.AccessJournal).OrderBy(a => a.Id).Select(a => new { a.ActorId, a.EntityId, a.After }).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal((World.Admin56.Id, World.Worker56.Id.ToString()), (a.ActorId, a.EntityId)));
        Assert.Contains("2026-12-01", audit[1].After);

        // A user of another department is not in this administrator's reach.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Journal?UserId={World.Worker29.Id}")).Status);
    }
}
