using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

public sealed class DetailsTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_file_shows_every_field_of_the_person()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p =>
        {
            p.BirthDate = new DateOnly(1961, 3, 9);
            p.Email = "rozenn.kerjean@exemple.test";
            p.Address = "4 allée des Ajoncs";
            p.PostalCode = "56400";
            p.City = "Auray";
            p.RemoteReasons = [RemoteReason.IllnessOrDisability, RemoteReason.NoNetworkCoverage];
            p.RiskLevel = RiskLevel.Medium;
            p.LivesAlone = true;
            p.HasComputer = true;
            p.DigitalSkills = DigitalSkills.Autonomous;
            p.IsAllophone = true;
            p.Language = "tigrinya";
            p.NeedsEasyToRead = true;
            p.ContactFrequencyDays = 21;
            p.LastContactAt = TestClock.Start.AddDays(-3);
        });
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Rozenn Kerjean", page.Document.QuerySelector("h1")!.TextContent.Trim());
        var facts = string.Join(" | ", page.Document.QuerySelectorAll(".facts dt, .facts dd").Select(e => e.TextContent.Trim()));
        foreach (var expected in new[]
                 {
                     "Référent | Léa Travailleuse", "Date de naissance | 09/03/1961", "Téléphone | 06 39 98 00 01",
                     "Adresse électronique | rozenn.kerjean@exemple.test", "Adresse | 4 allée des Ajoncs 56400 Auray",
                     "Dernier contact | 20/11/2026 à 10:00", "Fréquence convenue | tous les 21 jours",
                     "Première rencontre physique | 01/10/2026", "Suivi à distance car | Maladie ou handicap, Zone sans couverture réseau",
                     "Isolement | vit sans autre personne au foyer", "Équipement | smartphone, ordinateur, accès à internet", "Autonomie numérique | Autonome",
                     "Langue | allophone, parle tigrinya ; documents FALC",
                 })
            Assert.Contains(expected, facts);
        Assert.Contains("Suivi en cours", page.Text);
        Assert.Contains("Risque : Modéré", page.Text);
        Assert.DoesNotContain("Première rencontre physique à organiser", page.Text);
    }

    [Fact]
    public async Task A_person_never_met_is_flagged_and_missing_fields_show_a_dash()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p =>
        {
            p.FirstFaceToFaceMeetingOn = null;
            p.Phone = null;
            p.HasSmartphone = false;
            p.HasInternetAccess = false;
        });
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Persons/Details/{person.Id}");
        var facts = string.Join(" | ", page.Document.QuerySelectorAll(".facts dt, .facts dd").Select(e => e.TextContent.Trim()));

        Assert.Contains("Première rencontre physique à organiser", page.Text);
        Assert.Contains("Téléphone | —", facts);
        Assert.Contains("Équipement | aucun", facts);
        Assert.Contains("Première rencontre physique | pas encore", facts);
        Assert.Contains("Langue | français", facts);
    }

    [Fact]
    public async Task The_journal_lists_creation_change_closure_and_reopening_newest_first_with_who_did_it()
    {
        var worker = await SignInAsync(World.Worker56);
        var details = await worker.SubmitManyAsync("/Persons/Create", PersonForm.Complete());
        var id = await Factory.WithDbAsync(db => db.Persons.Select(p => p.Id).SingleAsync());

        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var lead = await SignInAsync(World.Lead56);
        await lead.SubmitAsync($"/Persons/Edit/{id}", new() { ["Input.RiskLevel"] = "Low" });
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        details = await worker.GetAsync($"/Persons/Details/{id}");
        details = await worker.SubmitFormAsync(details, new() { ["Input.Reason"] = "Déménagement dans un autre département" });
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        details = await worker.SubmitFormAsync(details, []);

        var lines = details.Document.QuerySelectorAll(".journal li").Select(li => string.Join(" ", li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("23/11/2026 à 13:00 Réouverture du suivi — Suivi rouvert. (Léa Travailleuse)", lines[0]);
        Assert.Equal("23/11/2026 à 12:00 Clôture du suivi — Suivi clos. Motif : Déménagement dans un autre département (Léa Travailleuse)", lines[1]);
        Assert.Equal("23/11/2026 à 11:00 Modification du dossier — Fiche modifiée : niveau de risque. (Nadia Cadre)", lines[2]);
        Assert.Equal("23/11/2026 à 10:00 Création du dossier — Création du dossier. (Léa Travailleuse)", lines[3]);

        var journal = await PersonForm.JournalAsync(Factory, id);
        Assert.Equal([ActivityKind.PersonCreated, ActivityKind.PersonUpdated, ActivityKind.PersonClosed, ActivityKind.PersonReopened], journal.Select(j => j.Kind));
        Assert.Equal([World.Worker56.Id, World.Lead56.Id, World.Worker56.Id, World.Worker56.Id], journal.Select(j => j.ActorId));
        Assert.All(journal, j => Assert.Equal((id, World.Cd56.Id), (j.PersonId!.Value, j.DepartmentId)));
    }

    [Fact]
    public async Task A_long_journal_shows_the_latest_entries_and_says_how_many_there_are()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 105; i++)
                db.ActivityLog.Add(ActivityLogEntry.For(World.Cd56.Id, person.Id, World.Worker56.Id, TestClock.Start.AddMinutes(-i), ActivityKind.ContactLogged, $"Note {i}"));
            await db.SaveChangesAsync();
        });
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        Assert.Contains("Les 100 dernières entrées sur 105.", page.Text);
        var lines = page.Document.QuerySelectorAll(".journal li").ToList();
        Assert.Equal(100, lines.Count);
        Assert.Contains("Note 0", lines[0].TextContent);
        Assert.Contains("Note 99", lines[99].TextContent);
    }

    [Fact]
    public async Task Opening_a_file_leaves_a_trace_of_who_opened_it_and_when()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Colleague56);
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await client.GetAsync($"/Persons/Details/{person.Id}");
        await client.GetAsync($"/Persons/Details/{person.Id}");

        var accesses = await Factory.WithDbAsync(db => db.PersonAccesses.AsNoTracking().ToListAsync());
        Assert.Equal(2, accesses.Count);
        Assert.All(accesses, a =>
        {
            Assert.Equal((person.Id, World.Colleague56.Id, World.Cd56.Id), (a.PersonId, a.UserId, a.DepartmentId));
            Assert.Equal((TestClock.Start.AddMinutes(5), "Details"), (a.At, a.Page));
        });
    }

    [Fact]
    public async Task The_referent_a_colleague_of_the_same_team_and_the_team_lead_may_open_the_file()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        foreach (var user in new[] { World.Worker56, World.Colleague56, World.Lead56 })
        {
            var page = await (await SignInAsync(user)).GetAsync($"/Persons/Details/{person.Id}");
            Assert.True(page.Status == HttpStatusCode.OK, $"{user.DisplayName}: {page.Status}");
            Assert.Contains("Rozenn Kerjean", page.Text);
        }
    }

    [Fact]
    public async Task A_worker_of_another_team_in_the_same_department_gets_404_and_leaves_no_trace()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.OtherTeamWorker56);
        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Kerjean", page.Html);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.PersonAccesses.CountAsync()));
    }

    [Fact]
    public async Task Users_of_another_department_get_the_same_404_as_for_a_file_that_does_not_exist()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        foreach (var user in new[] { World.Worker29, World.Lead29 })
        {
            var client = await SignInAsync(user);
            var page = await client.GetAsync($"/Persons/Details/{person.Id}");
            var missing = await client.GetAsync($"/Persons/Details/{Guid.NewGuid()}");
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Kerjean", page.Html);
            Assert.Equal(missing.Document.QuerySelector("main")!.TextContent, page.Document.QuerySelector("main")!.TextContent);
        }
        Assert.Equal(0, await Factory.WithDbAsync(db => db.PersonAccesses.CountAsync()));
    }

    [Fact]
    public async Task The_technical_log_never_contains_the_person_name()
    {
        // Information level, as in production, with the console captured while a worker uses the person pages.
        using var verbose = Factory.WithWebHostBuilder(b => b.UseSetting("Serilog:MinimumLevel:Default", "Information"));
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            var client = new Infrastructure.WebClient(verbose.CreateClient(new() { AllowAutoRedirect = false }));
            await client.SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
            var details = await client.SubmitManyAsync("/Persons/Create",
                PersonForm.Complete(("Input.FirstName", "Zéphyrine"), ("Input.LastName", "Quillivic"), ("Input.Phone", "06 39 98 77 66")));
            var id = await Factory.WithDbAsync(db => db.Persons.Select(p => p.Id).SingleAsync());
            await client.GetAsync("/Persons?q=Quillivic");
            await client.SubmitAsync($"/Persons/Edit/{id}", new() { ["Input.City"] = "Quiberon", ["Input.Phone"] = "" });
            await client.SubmitFormAsync(details, new() { ["Input.Reason"] = "Zéphyrine Quillivic a déménagé" });
        }
        finally
        {
            Console.SetOut(original);
        }

        var log = console.ToString();
        Assert.Contains("HTTP GET /Persons/Details/", log);
        Assert.Contains("HTTP GET /Persons responded 200", log);
        Assert.DoesNotContain("Quillivic", log);
        Assert.DoesNotContain("Zéphyrine", log);
        Assert.DoesNotContain("77 66", log);
        Assert.DoesNotContain("Quiberon", log);
    }
}
