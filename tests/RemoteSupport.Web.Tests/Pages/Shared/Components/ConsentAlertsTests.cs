using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Consents;

namespace RemoteSupport.Web.Tests.Pages.Shared.Components;

/// <summary>The consent alerts of the worker's home page (/).</summary>
public sealed class ConsentAlertsTests(AppFactory factory) : WebTest(factory)
{
    private static List<string> Items(Page page, string list) =>
        page.Document.QuerySelectorAll($".consent-alerts .{list} li").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public async Task Nothing_to_watch_shows_no_section()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-3));
        await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.Phone, TestClock.Start.AddDays(1));
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync("/");

        Assert.Null(page.Document.QuerySelector(".consent-alerts"));
    }

    [Fact]
    public async Task A_withdrawal_shows_at_once_on_the_home_page_with_its_planned_interview()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Video, ConsentDecision.Granted, TestClock.Start.AddDays(-20));
        var interview = await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.Video, TestClock.Start.AddDays(2));
        var client = await SignInAsync(World.Worker56);
        Assert.Null((await client.GetAsync("/")).Document.QuerySelector(".consent-alerts"));

        await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Video",
            new() { ["Input.Decision"] = "Withdrawn", ["Input.Method"] = "OrallyDuringCall" });
        var page = await client.GetAsync("/");

        var withdrawals = Items(page, "consent-alert-withdrawals");
        Assert.Equal(["Rozenn Kerjean — Visioconférence : retiré le 23/11/2026"], withdrawals.Select(w => string.Join(' ', w.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.NotNull(page.Document.QuerySelector($".consent-alert-withdrawals a[href='/Persons/Details/{person.Id}']"));

        var interviews = Items(page, "consent-alert-interviews");
        Assert.Single(interviews);
        Assert.Contains("25/11/2026 à 10:00 — Rozenn Kerjean, par visioconférence", interviews[0]);
        Assert.Contains("La personne a retiré son accord pour les échanges par visioconférence le 23/11/2026.", interviews[0]);
        Assert.NotNull(page.Document.QuerySelector($".consent-alert-interviews a[href='/Interviews/Details/{interview.Id}']"));
        Assert.NotNull(page.Document.QuerySelector($".consent-alert-interviews a[href='/Consents/Record/{person.Id}?modality=Video']"));
    }

    [Fact]
    public async Task Old_withdrawals_and_withdrawals_granted_again_are_not_listed()
    {
        var old = await World.AddPersonAsync(Factory, World.Worker56, p => p.FirstName = "Ancien");
        await ConsentData.AddAnswerAsync(Factory, old, World.Worker56, Modality.Sms, ConsentDecision.Granted, TestClock.Start.AddDays(-60));
        await ConsentData.AddAnswerAsync(Factory, old, World.Worker56, Modality.Sms, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-31));
        var again = await World.AddPersonAsync(Factory, World.Worker56, p => p.FirstName = "Revenu");
        await ConsentData.AddAnswerAsync(Factory, again, World.Worker56, Modality.Sms, ConsentDecision.Granted, TestClock.Start.AddDays(-20));
        await ConsentData.AddAnswerAsync(Factory, again, World.Worker56, Modality.Sms, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-10));
        await ConsentData.AddAnswerAsync(Factory, again, World.Worker56, Modality.Sms, ConsentDecision.Granted, TestClock.Start.AddDays(-2));
        var recent = await World.AddPersonAsync(Factory, World.Worker56, p => p.FirstName = "Récent");
        await ConsentData.AddAnswerAsync(Factory, recent, World.Worker56, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-40));
        await ConsentData.AddAnswerAsync(Factory, recent, World.Worker56, Modality.Phone, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-29));
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync("/");

        var items = Items(page, "consent-alert-withdrawals");
        Assert.Single(items);
        Assert.StartsWith("Récent Kerjean", items[0]);
        Assert.Contains("Téléphone : retiré le 25/10/2026", items[0]);
    }

    [Fact]
    public async Task Only_the_workers_own_persons_and_interviews_are_listed()
    {
        var colleagues = await World.AddPersonAsync(Factory, World.Colleague56, p => p.FirstName = "Collègue");
        await ConsentData.AddAnswerAsync(Factory, colleagues, World.Colleague56, Modality.Video, ConsentDecision.Granted, TestClock.Start.AddDays(-9));
        await ConsentData.AddAnswerAsync(Factory, colleagues, World.Colleague56, Modality.Video, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-1));
        await ConsentData.AddInterviewAsync(Factory, colleagues, World.Colleague56, Modality.Video, TestClock.Start.AddDays(1));
        var finistere = await World.AddPersonAsync(Factory, World.Worker29, p => p.FirstName = "Finistère");
        await ConsentData.AddAnswerAsync(Factory, finistere, World.Worker29, Modality.Video, ConsentDecision.Granted, TestClock.Start.AddDays(-9));
        await ConsentData.AddAnswerAsync(Factory, finistere, World.Worker29, Modality.Video, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-1));
        await ConsentData.AddInterviewAsync(Factory, finistere, World.Worker29, Modality.Video, TestClock.Start.AddDays(1));

        var worker56 = await SignInAsync(World.Worker56);
        var page = await worker56.GetAsync("/");
        Assert.Null(page.Document.QuerySelector(".consent-alerts"));

        var worker29 = await SignInAsync(World.Worker29);
        page = await worker29.GetAsync("/");
        Assert.Single(Items(page, "consent-alert-withdrawals"));
        Assert.Single(Items(page, "consent-alert-interviews"));
        Assert.DoesNotContain("Collègue", page.Text);
    }

    [Fact]
    public async Task Past_started_or_cancelled_interviews_are_not_listed()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.AudioConference, TestClock.Start.AddHours(-1));
        await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.AudioConference, TestClock.Start.AddDays(1), InterviewStatus.Cancelled);
        await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.AudioConference, TestClock.Start.AddDays(1), InterviewStatus.Postponed);
        var planned = await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.AudioConference, TestClock.Start.AddDays(5));
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync("/");

        var links = page.Document.QuerySelectorAll(".consent-alert-interviews a[href^='/Interviews/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Interviews/Details/{planned.Id}"], links);
        Assert.Contains("La personne n'a pas encore donné son accord pour un échange par audioconférence.", page.Text);
    }
}
