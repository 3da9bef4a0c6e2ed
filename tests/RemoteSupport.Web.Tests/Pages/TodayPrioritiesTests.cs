using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.TeamLead;
using static RemoteSupport.Web.Tests.Pages.TeamLead.TeamLeadData;

namespace RemoteSupport.Web.Tests.Pages;

/// <summary>"Aujourd'hui": the worker's own caseload ranked by priority, on the home page.</summary>
public sealed class TodayPrioritiesTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_worker_sees_their_own_persons_ranked_with_reasons_and_nobody_else()
    {
        await CalmPersonAsync(Factory, World.Worker56, "Tranquille");
        await CalmPersonAsync(Factory, World.Worker56, "Urgente", p => { p.RiskLevel = RiskLevel.High; p.LastContactAt = null; });
        await CalmPersonAsync(Factory, World.Colleague56, "DeLaCollègue", p => p.RiskLevel = RiskLevel.High);
        await CalmPersonAsync(Factory, World.Worker29, "DuFinistère", p => p.RiskLevel = RiskLevel.High);

        var page = await (await SignInAsync(World.Worker56)).GetAsync("/");

        var rows = PrioritiesTests.Rows(page);
        Assert.Equal(["Urgente Anne", "Tranquille Anne"], rows.Select(r => r.Name));
        Assert.Contains("Aucun contact enregistré depuis l'ouverture du suivi", rows[0].Text);
        Assert.Contains("Risque élevé", rows[0].Text);
        Assert.DoesNotContain("DeLaCollègue", page.Text);
        Assert.DoesNotContain("DuFinistère", page.Text);
    }

    [Fact]
    public async Task A_person_reassigned_to_a_worker_moves_to_their_list_at_once()
    {
        var person = await CalmPersonAsync(Factory, World.Colleague56, "Transférée");
        var worker = await SignInAsync(World.Worker56);
        var colleague = await SignInAsync(World.Colleague56);
        Assert.Empty(PrioritiesTests.Rows(await worker.GetAsync("/")));
        Assert.Single(PrioritiesTests.Rows(await colleague.GetAsync("/")));

        await Factory.WithDbAsync(async db =>
        {
            db.Persons.Single(p => p.Id == person.Id).Reassign(World.Worker56.Id);
            await db.SaveChangesAsync();
        });

        Assert.Equal(["Transférée Anne"], PrioritiesTests.Rows(await worker.GetAsync("/")).Select(r => r.Name));
        Assert.Empty(PrioritiesTests.Rows(await colleague.GetAsync("/")));
    }

    [Fact]
    public async Task An_empty_caseload_says_so()
    {
        var page = await (await SignInAsync(World.Worker56)).GetAsync("/");
        Assert.Contains("Votre file active est vide pour le moment.", page.Text);
    }

    [Fact]
    public async Task A_long_caseload_is_paged_on_the_home_page()
    {
        for (var i = 0; i < 12; i++) await CalmPersonAsync(Factory, World.Worker56, $"Personne{i:00}");
        var client = await SignInAsync(World.Worker56);

        var first = await client.GetAsync("/");
        Assert.Equal(10, PrioritiesTests.Rows(first).Count);
        // The same words as every other list of the application.
        Assert.Equal("Page suivante", first.Document.QuerySelector(".pager a")!.TextContent.Trim());
        var second = await client.GetAsync(first.Document.QuerySelector(".pager a")!.GetAttribute("href")!);
        Assert.Equal(2, PrioritiesTests.Rows(second).Count);
        Assert.Equal("Page précédente", second.Document.QuerySelector(".pager a")!.TextContent.Trim());
        Assert.Equal(10, PrioritiesTests.Rows(await client.GetAsync("/?priorites=abc")).Count);
    }
}
