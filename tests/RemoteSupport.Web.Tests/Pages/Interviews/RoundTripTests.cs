using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

/// <summary>
/// SQL round trips of the schedule POST (issue 12): the handler checks access, reads the person and the consents once,
/// and the form's lists are read only when the form is shown again.
/// </summary>
public sealed class RoundTripTests(AppFactory factory, ITestOutputHelper output) : WebTest(factory)
{
    private async Task<(int Saved, int Refused)> MeasureAsync()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Phone);
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync($"/Interviews/Schedule/{person.Id}");
        var values = new Dictionary<string, string>
        {
            ["Input.Modality"] = "Phone", ["Input.Date"] = "2026-11-24", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "45",
            ["Input.Objectives"] = "Point d'étape",
        };

        using var counter = SqlCommandCounter.Start();
        // EF Core checks whether anyone listens at most once a second (its logging cache time): wait for it to notice.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var before = counter.Count;
        var refusedPage = await client.SubmitFormAsync(form, new(values) { ["Input.SendSmsReminder"] = "true" });
        Assert.Contains("Rappel par SMS impossible", refusedPage.Summary);
        var refused = counter.Count - before;

        before = counter.Count;
        var page = await client.SubmitFormAsync(form, values);
        Assert.StartsWith("/Interviews/Details/", page.Url.AbsolutePath);
        var saved = counter.Count - before;
        // The client follows the redirection: the interview page's own GET is measured alone and taken off.
        before = counter.Count;
        await client.GetAsync(page.Url.PathAndQuery);
        saved -= counter.Count - before;
        return (saved, refused);
    }

    [Fact]
    public async Task The_schedule_post_reads_the_person_and_the_consents_once()
    {
        var (saved, refused) = await MeasureAsync();
        output.WriteLine($"Schedule POST round trips: saved {saved}, refused {refused}.");
        // Saved: access (1), person (1), consents (1), checklist (1), department (1), one save.
        Assert.InRange(saved, 5, 7);
        // Refused by consent (SMS reminder): access, person, consents, checklist, the video tools of the form shown again.
        Assert.InRange(refused, 3, 6);
    }
}
