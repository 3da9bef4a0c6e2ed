using System.Net;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

public sealed class SwitchPlanBTests(AppFactory factory) : WebTest(factory)
{
    private async Task<(Domain.Persons.AccompaniedPerson Person, Interview Interview)> VideoInProgressAsync(params Modality[] consents)
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, consents.Length > 0 ? consents : [Modality.Video, Modality.Phone]);
        await AddToolAsync(Factory, World.Cd56.Id);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, Modality.Video, TestClock.Start.AddMinutes(-5),
            status: InterviewStatus.InProgress);
        return (person, interview);
    }

    [Fact]
    public async Task Switching_to_plan_b_from_the_interview_page_is_recorded_with_its_reason()
    {
        var (person, interview) = await VideoInProgressAsync();
        var client = await SignInAsync(World.Worker56);

        var details = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        var page = await client.SubmitFormAsync(details, new() { ["Input.To"] = "Phone", ["Input.Reason"] = "Image figée chez la personne" }, "#planb-form");

        Assert.Equal($"/Interviews/Details/{interview.Id}", page.Url.AbsolutePath);
        Assert.Contains("L'entretien continue par téléphone.", page.Flash);
        Assert.Contains("de visioconférence à téléphone", page.Text);
        var stored = await LoadAsync(Factory, interview.Id);
        var change = Assert.Single(stored.FallbackSwitches);
        Assert.Equal((Modality.Video, Modality.Phone, "Image figée chez la personne"), (change.From, change.To, change.Reason));
        Assert.Equal(stored.DepartmentId, change.DepartmentId);
        var entry = Assert.Single(await JournalAsync(Factory, person.Id));
        Assert.Equal(ActivityKind.InterviewFallbackSwitched, entry.Kind);
        Assert.Equal(Modality.Phone, entry.Modality);
    }

    [Fact]
    public async Task Plan_b_to_video_or_without_a_reason_gets_french_messages()
    {
        var (_, interview) = await VideoInProgressAsync();
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/SwitchPlanB/{interview.Id}", new() { ["Input.To"] = "Video", ["Input.Reason"] = "" });
        Assert.Equal("Le plan B passe à l'audioconférence ou au téléphone.", page.ErrorFor("Input.To"));
        Assert.Equal("Indiquez en quelques mots pourquoi vous passez au plan B.", page.ErrorFor("Input.Reason"));

        var tampered = await client.SubmitAsync($"/Interviews/SwitchPlanB/{interview.Id}", new() { ["Input.To"] = "Fax", ["Input.Reason"] = "x" });
        Assert.Equal("Choisissez le plan B dans la liste.", tampered.ErrorFor("Input.To"));
        Assert.Empty((await LoadAsync(Factory, interview.Id)).FallbackSwitches);
    }

    [Fact]
    public async Task Plan_b_needs_the_persons_consent_to_the_new_modality()
    {
        var (_, interview) = await VideoInProgressAsync(Modality.Video);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/SwitchPlanB/{interview.Id}", new() { ["Input.To"] = "AudioConference", ["Input.Reason"] = "Son coupé" });

        Assert.Contains("Le passage au plan B n'est pas possible. La personne n'a pas encore donné son accord pour un échange par audioconférence", page.Summary);
        Assert.Equal("Son coupé", page.ValueOf("Input.Reason"));
        Assert.Empty((await LoadAsync(Factory, interview.Id)).FallbackSwitches);
    }

    [Fact]
    public async Task A_planned_interview_cannot_switch_to_plan_b()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Video, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, Modality.Video);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/SwitchPlanB/{interview.Id}", new() { ["Input.To"] = "Phone", ["Input.Reason"] = "Coupure" });

        Assert.Contains("Le plan B se déclenche pendant l'entretien", page.Summary);
    }

    [Fact]
    public async Task Users_of_another_department_get_404_and_nothing_is_recorded()
    {
        var (_, interview) = await VideoInProgressAsync();
        foreach (var outsider in new[] { World.Worker29, World.Lead29 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Interviews/SwitchPlanB/{interview.Id}")).Status);
            var post = await ForgedPostAsync(client, $"/Interviews/SwitchPlanB/{interview.Id}",
                ("Input.To", "Phone"), ("Input.Reason", "Coupure"), ("Version", interview.Version.ToString()));
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Empty((await LoadAsync(Factory, interview.Id)).FallbackSwitches);
    }
}
