using System.Net;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

public sealed class NoShowTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Once_the_time_has_passed_the_absence_is_noted_from_the_interview_page()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, at: TestClock.Start.AddMinutes(-30));
        var client = await SignInAsync(World.Worker56);

        var details = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        var page = await client.SubmitFormAsync(details, new() { ["Input.Comment"] = "Trois appels sans réponse" }, "#noshow-form");

        Assert.Contains("L'absence de la personne est notée.", page.Flash);
        var stored = await LoadAsync(Factory, interview.Id);
        Assert.Equal(InterviewStatus.NoShow, stored.Status);
        var entry = Assert.Single(await JournalAsync(Factory, person.Id));
        Assert.Equal(ActivityKind.InterviewNoShow, entry.Kind);
        Assert.Contains("Trois appels sans réponse", entry.Description);
    }

    [Fact]
    public async Task Before_its_time_an_interview_cannot_be_marked_as_missed()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var details = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        Assert.Null(details.Document.QuerySelector("#noshow-form"));
        var page = await client.SubmitAsync($"/Interviews/NoShow/{interview.Id}", new() { ["Input.Comment"] = "" });

        Assert.Contains("L'heure de l'entretien n'est pas encore passée.", page.Summary);
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
    }

    [Fact]
    public async Task A_comment_with_invisible_control_characters_is_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, at: TestClock.Start.AddMinutes(-30));
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/NoShow/{interview.Id}", new() { ["Input.Comment"] = "Absent\u200B\u0007" });

        Assert.Equal("Le commentaire contient des caractères non autorisés.", page.ErrorFor("Input.Comment"));
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
    }

    [Fact]
    public async Task Users_of_another_department_get_404_and_nothing_changes()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, at: TestClock.Start.AddMinutes(-30));
        foreach (var outsider in new[] { World.Worker29, World.Lead29 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Interviews/NoShow/{interview.Id}")).Status);
            var post = await ForgedPostAsync(client, $"/Interviews/NoShow/{interview.Id}", ("Version", interview.Version.ToString()));
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
    }
}
