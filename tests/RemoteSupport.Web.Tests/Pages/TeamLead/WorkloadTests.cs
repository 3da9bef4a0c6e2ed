using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.TeamLead.TeamLeadData;

namespace RemoteSupport.Web.Tests.Pages.TeamLead;

public sealed class WorkloadTests(AppFactory factory) : WebTest(factory)
{
    /// <summary>The cells of the row whose header names <paramref name="who"/>, as text with spaces tidied.</summary>
    private static string[] Cells(Page page, string who) =>
        page.Document.QuerySelectorAll("table.workload tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent.Contains(who, StringComparison.Ordinal))
            .QuerySelectorAll("td").Select(td => string.Join(' ', td.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();

    private async Task ArrangeTeamAsync()
    {
        // Léa: three persons (one never contacted nor met, one with a late action), busy this week, one interview done this month.
        var met = await CalmPersonAsync(Factory, World.Worker56, "Un");
        await CalmPersonAsync(Factory, World.Worker56, "Deux", p => { p.LastContactAt = null; p.FirstFaceToFaceMeetingOn = null; });
        var late = await CalmPersonAsync(Factory, World.Worker56, "Trois");
        await ActionAsync(Factory, late, new DateOnly(2026, 11, 2));
        await CalmPersonAsync(Factory, World.Worker56, "Close", p => p.Close("Fin", Now.AddDays(-2)));
        await InterviewAsync(Factory, met, World.Worker56.Id, Modality.Phone, Now.AddHours(5), InterviewStatus.Planned);
        await InterviewAsync(Factory, met, World.Worker56.Id, Modality.Video, Now.AddDays(2), InterviewStatus.Planned);
        await InterviewAsync(Factory, met, World.Worker56.Id, Modality.Video, Now.AddDays(3), InterviewStatus.Cancelled);
        await InterviewAsync(Factory, met, World.Worker56.Id, Modality.Phone, Now.AddDays(-13), InterviewStatus.Completed);

        // Hugo: one person, three interviews done this month, one last month.
        var his = await CalmPersonAsync(Factory, World.Colleague56, "Quatre");
        foreach (var day in new[] { 5, 12, 19 })
            await InterviewAsync(Factory, his, World.Colleague56.Id, Modality.Phone, new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.Zero), InterviewStatus.Completed);
        await InterviewAsync(Factory, his, World.Colleague56.Id, Modality.Phone, new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero), InterviewStatus.Completed);

        // Another team's worker, to stay out of this team's figures.
        await CalmPersonAsync(Factory, World.OtherTeamWorker56, "Ailleurs");
    }

    [Fact]
    public async Task Each_worker_load_stands_beside_the_team_average_and_gaps_are_flagged()
    {
        await ArrangeTeamAsync();

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Workload");

        Assert.Equal(["2", "1", "2", "0,5", "0,5", "17 %"], Cells(page, "Moyenne"));
        Assert.Equal(["3 +50 % par rapport à la moyenne", "2 +100 % par rapport à la moyenne", "1 -50 % par rapport à la moyenne", "1", "1", "33 % +100 % par rapport à la moyenne"],
            Cells(page, "Léa Travailleuse"));
        Assert.Equal(["1 -50 % par rapport à la moyenne", "0 -100 % par rapport à la moyenne", "3 +50 % par rapport à la moyenne", "0", "0", "0 % -100 % par rapport à la moyenne"],
            Cells(page, "Hugo Collègue"));
        Assert.DoesNotContain("Inès Lorient", page.Text);
    }

    [Fact]
    public async Task A_deactivated_worker_is_shown_apart_and_left_out_of_the_average()
    {
        await ArrangeTeamAsync();
        await DeactivateAsync(Factory, World.Colleague56);

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Workload");

        Assert.Equal("3", Cells(page, "Moyenne")[0]);
        var row = page.Document.QuerySelectorAll("table.workload tbody tr").Single(tr => tr.TextContent.Contains("Hugo Collègue", StringComparison.Ordinal));
        Assert.Contains("Compte désactivé", row.TextContent);
        Assert.Equal($"/TeamLead/Reassign?from={World.Colleague56.Id}", row.QuerySelector("a[href^='/TeamLead/Reassign']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_department_lead_compares_a_team_or_the_whole_department()
    {
        await ArrangeTeamAsync();
        var client = await SignInAsync(await DepartmentLeadAsync(Factory, World));

        var all = await client.GetAsync("/TeamLead/Workload");
        Assert.Contains("Inès Lorient", all.Text);
        Assert.Equal("1,7", Cells(all, "Moyenne")[0]);

        var lorient = await client.GetAsync($"/TeamLead/Workload?team={World.Lorient.Id}&sort=Nope");
        Assert.Contains("Inès Lorient", lorient.Text);
        Assert.DoesNotContain("Léa Travailleuse", lorient.Text);
    }

    [Fact]
    public async Task A_lead_of_another_department_sees_none_of_its_workers()
    {
        await ArrangeTeamAsync();

        var page = await (await SignInAsync(World.Lead29)).GetAsync($"/TeamLead/Workload?team={World.Vannes.Id}");

        Assert.DoesNotContain("Léa Travailleuse", page.Text);
        Assert.DoesNotContain("Hugo Collègue", page.Text);
        Assert.Contains("Maël Finistère", page.Text);
    }

    [Fact]
    public async Task A_department_of_many_workers_is_shown_fifty_at_a_time_with_the_average_over_all()
    {
        await Factory.WithDbAsync(async db =>
        {
            var role = await db.Roles.Where(r => r.Name == Web.Identity.Roles.SocialWorker).Select(r => r.Id).SingleAsync();
            for (var i = 0; i < 52; i++)
            {
                var user = new Web.Identity.AppUser
                {
                    UserName = $"ts{i}@cd56.test", Email = $"ts{i}@cd56.test", DisplayName = $"Travailleur {i:00}", DepartmentId = World.Cd56.Id,
                    TeamId = World.Lorient.Id, CreatedAt = Now,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = user.Id, RoleId = role });
            }
            await db.SaveChangesAsync();
        });
        await CalmPersonAsync(Factory, World.Worker56, "Seule");
        var client = await SignInAsync(await DepartmentLeadAsync(Factory, World));

        var first = await client.GetAsync("/TeamLead/Workload");
        Assert.Contains("Page 1 sur 2 (55 travailleurs sociaux)", first.Text);
        Assert.Equal(51, first.Document.QuerySelectorAll("table.workload tbody tr").Length);
        // Sorted by persons followed: the only worker with a person comes first; the average counts all 55.
        Assert.Contains("Léa Travailleuse", first.Document.QuerySelectorAll("table.workload tbody tr")[1].TextContent);
        Assert.Equal("0", Cells(first, "Moyenne")[0]);

        var second = await client.GetAsync("/TeamLead/Workload" + first.Document.QuerySelector(".pager a")!.GetAttribute("href"));
        Assert.Equal(6, second.Document.QuerySelectorAll("table.workload tbody tr").Length);
    }
}
