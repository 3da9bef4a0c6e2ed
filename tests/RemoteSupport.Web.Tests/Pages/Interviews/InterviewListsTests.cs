using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

/// <summary>The interview lists shown on the person's file and on the home page.</summary>
public sealed class InterviewListsTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_persons_file_lists_upcoming_and_past_interviews_with_a_link_to_schedule()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var upcoming = await AddInterviewAsync(Factory, person, World.Worker56, Modality.Phone, Tomorrow10);
        var past = await AddInterviewAsync(Factory, person, World.Worker56, Modality.Video, TestClock.Start.AddDays(-7),
            configure: i => i.Cancel("Personne hospitalisée", TestClock.Start.AddDays(-8)));
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        var section = page.Document.QuerySelector("section[aria-labelledby='interviews-title']")!;
        Assert.NotNull(section.QuerySelector($"a[href='/Interviews/Schedule/{person.Id}']"));
        Assert.Contains("Planifier un entretien", section.TextContent);
        var links = section.QuerySelectorAll("a[href^='/Interviews/Details/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Interviews/Details/{upcoming.Id}", $"/Interviews/Details/{past.Id}"], links);
        Assert.Contains("24/11/2026 à 10:00", section.TextContent);
        Assert.Contains("Annulé", section.TextContent);
    }

    [Fact]
    public async Task A_closed_file_offers_no_scheduling()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.Close("Fin de suivi", TestClock.Start.AddDays(-1)));
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        Assert.Contains("Aucun entretien prévu.", page.Text);
        Assert.Null(page.Document.QuerySelector($"a[href='/Interviews/Schedule/{person.Id}']"));
    }

    [Fact]
    public async Task The_home_page_shows_the_workers_interviews_of_the_day_only()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var other = await World.AddPersonAsync(Factory, World.Colleague56, p => p.FirstName = "Gwenaël");
        await AddInterviewAsync(Factory, person, World.Worker56, Modality.Phone, TestClock.Start.AddHours(5));
        await AddInterviewAsync(Factory, person, World.Worker56, Modality.Phone, Tomorrow10);
        await AddInterviewAsync(Factory, other, World.Colleague56, Modality.Phone, TestClock.Start.AddHours(2));
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync("/");

        var section = page.Document.QuerySelector("section[aria-labelledby='today-interviews-title']")!;
        var lines = section.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("15:00", line);
        Assert.Contains("Rozenn Kerjean", line);
        Assert.DoesNotContain("Gwenaël", section.TextContent);
    }
}
