using System.Net;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

public sealed class CancelTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Cancelling_records_the_reason_and_the_journal()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Cancel/{interview.Id}", new() { ["Input.Comment"] = "La personne a repris un emploi" });

        Assert.Equal($"/Interviews/Details/{interview.Id}", page.Url.AbsolutePath);
        Assert.Contains("L'entretien est annulé.", page.Flash);
        Assert.Contains("La personne a repris un emploi", page.Text);
        var stored = await LoadAsync(Factory, interview.Id);
        Assert.Equal(InterviewStatus.Cancelled, stored.Status);
        Assert.Equal("La personne a repris un emploi", stored.StatusComment);
        var entry = Assert.Single(await JournalAsync(Factory, person.Id));
        Assert.Equal(ActivityKind.InterviewCancelled, entry.Kind);
    }

    [Fact]
    public async Task A_reason_is_required_and_a_cancelled_interview_cannot_be_cancelled_again()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var empty = await client.SubmitAsync($"/Interviews/Cancel/{interview.Id}", new() { ["Input.Comment"] = " " });
        Assert.Equal("Indiquez pourquoi l'entretien est annulé.", empty.ErrorFor("Input.Comment"));

        var form = await client.GetAsync($"/Interviews/Cancel/{interview.Id}");
        await client.SubmitFormAsync(form, new() { ["Input.Comment"] = "Première annulation" });
        var again = await client.SubmitFormAsync(form, new() { ["Input.Comment"] = "Deuxième" });
        Assert.Contains("Un entretien « Annulé » ne peut pas être annulé.", again.Summary);
        Assert.Equal("Première annulation", (await LoadAsync(Factory, interview.Id)).StatusComment);
    }

    [Fact]
    public async Task A_stale_version_is_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Cancel/{interview.Id}", new() { ["Input.Comment"] = "Annulé", ["Version"] = "1" });

        Assert.Contains("Quelqu'un d'autre a modifié ces informations", page.Summary);
        var garbled = await client.SubmitAsync($"/Interviews/Cancel/{interview.Id}", new() { ["Input.Comment"] = "Annulé", ["Version"] = "abc" });
        Assert.Contains("Quelqu'un d'autre a modifié ces informations", garbled.Summary);
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
    }

    [Fact]
    public async Task Users_of_another_department_get_404_and_nothing_changes()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56);
        foreach (var outsider in new[] { World.Worker29, World.Lead29 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Interviews/Cancel/{interview.Id}")).Status);
            var post = await ForgedPostAsync(client, $"/Interviews/Cancel/{interview.Id}", ("Input.Comment", "x"), ("Version", interview.Version.ToString()));
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
    }
}
