using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

public sealed class IndexTests(AppFactory factory) : WebTest(factory)
{
    private static List<string> Names(Infrastructure.Page page) =>
        page.Document.QuerySelectorAll("table.list tbody td:first-child a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_caseload_lists_the_workers_own_active_persons_by_name()
    {
        await World.AddPersonAsync(Factory, World.Worker56, p => (p.FirstName, p.LastName) = ("Yves", "Tanguy"));
        var rozenn = await World.AddPersonAsync(Factory, World.Worker56);
        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Anne", "Abgrall"); p.Close("Fin", TestClock.Start); });
        await World.AddPersonAsync(Factory, World.Colleague56, p => (p.FirstName, p.LastName) = ("Paul", "Collègue"));
        await World.AddPersonAsync(Factory, World.Worker29, p => (p.FirstName, p.LastName) = ("Jeanne", "Finistère"));

        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync("/Persons");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Kerjean Rozenn", "Tanguy Yves"], Names(page));
        Assert.Contains("2 personne(s)", page.Text);
        Assert.Equal($"/Persons/Details/{rozenn.Id}", page.Document.QuerySelector("table.list tbody a")!.GetAttribute("href"));
        Assert.Equal("Active", page.ValueOf("status"));
    }

    [Fact]
    public async Task Searching_by_name_matches_first_or_last_name_in_any_case_and_order()
    {
        await World.AddPersonAsync(Factory, World.Worker56);
        await World.AddPersonAsync(Factory, World.Worker56, p => (p.FirstName, p.LastName) = ("Yves", "Tanguy"));
        var client = await SignInAsync(World.Worker56);

        Assert.Equal(["Kerjean Rozenn"], Names(await client.GetAsync("/Persons?q=kerj")));
        Assert.Equal(["Kerjean Rozenn"], Names(await client.GetAsync("/Persons?q=ROZENN")));
        Assert.Equal(["Kerjean Rozenn"], Names(await client.GetAsync("/Persons?q=rozenn%20kerjean")));
        Assert.Equal(["Tanguy Yves"], Names(await client.GetAsync("/Persons?q=Tanguy%20Yves")));
        var none = await client.GetAsync("/Persons?q=Dupont");
        Assert.Empty(Names(none));
        Assert.Contains("Aucune personne ne correspond à ces critères.", none.Text);
        Assert.Equal("Dupont", none.ValueOf("q"));
    }

    [Fact]
    public async Task A_rows_remote_situations_come_from_postgresql_as_one_text_and_show_in_stored_order()
    {
        var sql = await Factory.WithDbAsync(db => Task.FromResult(db.Persons.Select(RemoteSupport.Web.Pages.Persons.Index.Handler.RowShape).ToQueryString()));
        Assert.Contains("array_to_string(a.\"RemoteReasons\", ',', '')", sql);

        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Anne", "Abgrall"); p.RemoteReasons = [RemoteReason.NoNetworkCoverage, RemoteReason.Lockdown]; });
        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Bleuenn", "Bihan"); p.RemoteReasons = []; });
        var page = await (await SignInAsync(World.Worker56)).GetAsync("/Persons");
        var cells = page.Document.QuerySelectorAll("table.list tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent.Trim()).ToList();
        Assert.Equal(["Zone sans couverture réseau, Confinement", ""], cells);
    }

    [Fact]
    public async Task Filters_narrow_by_status_risk_level_and_remote_situation()
    {
        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Anne", "Abgrall"); p.RiskLevel = RiskLevel.High; });
        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Bleuenn", "Bihan"); p.RemoteReasons = [RemoteReason.Homelessness, RemoteReason.Lockdown]; });
        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Corentin", "Caradec"); p.RiskLevel = RiskLevel.High; p.Close("Fin", TestClock.Start); });
        var client = await SignInAsync(World.Worker56);

        Assert.Equal(["Abgrall Anne"], Names(await client.GetAsync("/Persons?risk=High")));
        Assert.Equal(["Abgrall Anne", "Caradec Corentin"], Names(await client.GetAsync("/Persons?status=&risk=High")));
        Assert.Equal(["Caradec Corentin"], Names(await client.GetAsync("/Persons?status=Closed")));
        Assert.Equal(["Abgrall Anne", "Bihan Bleuenn", "Caradec Corentin"], Names(await client.GetAsync("/Persons?status=")));
        var homeless = await client.GetAsync("/Persons?reason=Homelessness");
        Assert.Equal(["Bihan Bleuenn"], Names(homeless));
        Assert.Contains("Personne sans domicile stable, Confinement", homeless.Text);
        Assert.Equal("Homelessness", homeless.ValueOf("reason"));
        Assert.Equal(["Abgrall Anne", "Bihan Bleuenn"], Names(await client.GetAsync("/Persons?q=b&status=Active")));
    }

    [Fact]
    public async Task The_filter_form_submits_by_get_and_keeps_the_choices()
    {
        await World.AddPersonAsync(Factory, World.Worker56, p => p.RiskLevel = RiskLevel.Medium);
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync("/Persons");
        var form = page.Document.QuerySelector("form.filters")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal(["q", "status", "risk", "reason"], form.QuerySelectorAll("[name]").Select(e => e.GetAttribute("name")!).ToList());

        var filtered = await client.GetAsync("/Persons?q=&status=Active&risk=Medium&reason=");
        Assert.Equal(["Kerjean Rozenn"], Names(filtered));
        Assert.Equal("Medium", filtered.ValueOf("risk"));
    }

    [Fact]
    public async Task Overdue_contacts_are_tagged_by_the_agreed_frequency_on_the_app_clock()
    {
        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Anne", "Abgrall"); p.LastContactAt = TestClock.Start.AddDays(-10); p.ContactFrequencyDays = 30; });
        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Bleuenn", "Bihan"); p.LastContactAt = TestClock.Start.AddDays(-10); p.ContactFrequencyDays = 7; });
        await World.AddPersonAsync(Factory, World.Worker56, p => { (p.FirstName, p.LastName) = ("Corentin", "Caradec"); p.LastContactAt = null; });
        var client = await SignInAsync(World.Worker56);

        var today = await client.GetAsync("/Persons");
        Assert.Equal([false, true, true], Overdue(today));

        // Three weeks later (a fresh sign-in: the session itself has expired), the 30-day contact is overdue too.
        Factory.Clock.Advance(TimeSpan.FromDays(21));
        var later = await (await SignInAsync(World.Worker56)).GetAsync("/Persons");
        Assert.Equal([true, true, true], Overdue(later));

        static List<bool> Overdue(Infrastructure.Page page) =>
            page.Document.QuerySelectorAll("table.list tbody tr").Select(tr => tr.TextContent.Contains("En retard", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task Persons_never_met_are_flagged_in_the_list()
    {
        await World.AddPersonAsync(Factory, World.Worker56, p => p.FirstFaceToFaceMeetingOn = null);
        var client = await SignInAsync(World.Worker56);
        var row = (await client.GetAsync("/Persons")).Document.QuerySelector("table.list tbody tr")!;
        Assert.Contains("Jamais rencontrée", row.TextContent);
    }

    [Fact]
    public async Task A_long_caseload_is_paged_and_the_pager_keeps_the_filters()
    {
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 105; i++)
            {
                var seed = new PersonSeed
                {
                    DepartmentId = World.Cd56.Id, ReferentId = World.Worker56.Id, FirstName = "Personne", LastName = $"Nom {i:000}",
                    RemoteReasons = [RemoteReason.Lockdown], CreatedAt = TestClock.Start,
                };
                if (i % 2 == 1) seed.Close("Fin", TestClock.Start);
                db.Persons.Add(AccompaniedPerson.Seed(seed));
            }
            await db.SaveChangesAsync();
        });
        var client = await SignInAsync(World.Worker56);

        var first = await client.GetAsync("/Persons?status=&q=Nom%20%26");
        Assert.Empty(Names(first));
        first = await client.GetAsync("/Persons?status=");
        Assert.Equal(100, Names(first).Count);
        Assert.Contains("Page 1 sur 2", first.Text);
        var next = first.Document.QuerySelector(".pager a")!.GetAttribute("href")!;
        Assert.Contains("status=&", next);

        var second = await client.GetAsync(next);
        Assert.Equal(["Nom 100 Personne", "Nom 101 Personne", "Nom 102 Personne", "Nom 103 Personne", "Nom 104 Personne"], Names(second));
        Assert.Contains("Page 2 sur 2", second.Text);
        var beyond = await client.GetAsync("/Persons?status=&page=7");
        Assert.Contains("Page 2 sur 2", beyond.Text);
        Assert.Equal(5, Names(beyond).Count);
    }

    [Fact]
    public async Task A_long_filtered_caseload_counts_and_pages_only_the_matching_persons()
    {
        await Factory.WithDbAsync(async db =>
        {
            // 130 persons, 110 at high risk; among those, #5 and #6 are not in a lockdown, #7 is named "Autre", #8 is closed.
            // Each filter removes someone else, so the count of 106 holds only if every filter is applied.
            for (var i = 0; i < 130; i++)
            {
                var person = new PersonSeed
                {
                    DepartmentId = World.Cd56.Id, ReferentId = World.Worker56.Id, FirstName = i == 7 ? "Autre" : "Personne", LastName = $"Nom {i:000}",
                    RemoteReasons = [i is 5 or 6 ? RemoteReason.GeographicDistance : RemoteReason.Lockdown], CreatedAt = TestClock.Start,
                    RiskLevel = i < 110 ? RiskLevel.High : RiskLevel.Low,
                };
                if (i == 8) person.Close("Fin", TestClock.Start);
                db.Persons.Add(AccompaniedPerson.Seed(person));
            }
            await db.SaveChangesAsync();
        });
        var client = await SignInAsync(World.Worker56);

        var first = await client.GetAsync("/Persons?status=Active&risk=High&reason=Lockdown&q=personne");
        Assert.Contains("106 personne(s)", first.Text);
        Assert.Contains("Page 1 sur 2", first.Text);
        Assert.Equal(100, Names(first).Count);
        var last = await client.GetAsync("/Persons?status=Active&risk=High&reason=Lockdown&q=personne&page=2");
        Assert.Equal(["Nom 104 Personne", "Nom 105 Personne", "Nom 106 Personne", "Nom 107 Personne", "Nom 108 Personne", "Nom 109 Personne"], Names(last));
        Assert.Contains("106 personne(s)", last.Text);
        Assert.Contains("107 personne(s)", (await client.GetAsync("/Persons?status=&risk=High&reason=Lockdown&q=personne")).Text);
        Assert.Contains("108 personne(s)", (await client.GetAsync("/Persons?status=Active&risk=High&reason=&q=personne")).Text);
        Assert.Contains("107 personne(s)", (await client.GetAsync("/Persons?status=Active&risk=High&reason=Lockdown&q=")).Text);
        Assert.Contains("126 personne(s)", (await client.GetAsync("/Persons?status=Active&risk=&reason=Lockdown&q=personne")).Text);
    }

    [Fact]
    public async Task Odd_query_values_fall_back_to_defaults_instead_of_failing()
    {
        await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        foreach (var query in new[]
                 {
                     "page=-3", "page=abc", "page=99999999999", "page=2147483647", "page=3", "status=Nope", "risk=7", "reason=%3Cscript%3E", "q=%25", "q=_", "q=%5C",
                     "q=%00", "q=%E2%80%AE", "q=" + new string('a', 5000), "q=%F0%9F%98%80", "q=%ED%A0%80", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                 })
        {
            var page = await client.GetAsync("/Persons?" + query);
            Assert.True(page.Status == HttpStatusCode.OK, $"{query[..Math.Min(query.Length, 40)]}: {page.Status}");
        }
        Assert.Equal(["Kerjean Rozenn"], Names(await client.GetAsync("/Persons?status=Nope&page=-3")));
        Assert.Equal(["Kerjean Rozenn"], Names(await client.GetAsync("/Persons?page=2147483647")));
        Assert.Empty(Names(await client.GetAsync("/Persons?q=%25")));
        var markup = await client.GetAsync("/Persons?q=%3Cb%3Egras%3C%2Fb%3E");
        Assert.Equal("<b>gras</b>", markup.ValueOf("q"));
        Assert.Empty(markup.Document.QuerySelectorAll("main b"));
    }

    [Fact]
    public async Task A_team_lead_sees_an_empty_own_caseload_not_the_whole_team()
    {
        await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Lead56);
        var page = await client.GetAsync("/Persons");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(Names(page));
    }
}
