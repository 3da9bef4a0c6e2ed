using System.Net;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.AgendaArrange;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

public sealed class AgendaTests(AppFactory factory) : WebTest(factory)
{
    // The test clock starts on Monday 23 November 2026 at 10:00 in Paris.

    [Fact]
    public async Task Lists_the_workers_open_interviews_from_today_grouped_by_day_today_first()
    {
        var rozenn = await World.AddPersonAsync(Factory, World.Worker56);
        var yannick = await World.AddPersonAsync(Factory, World.Worker56, p => { p.FirstName = "Yannick"; p.LastName = "Morvan"; });
        var zoe = await World.AddPersonAsync(Factory, World.Worker56, p => { p.FirstName = "Zoé"; p.LastName = "Riou"; });
        var karine = await World.AddPersonAsync(Factory, World.Worker56, p => { p.FirstName = "Karine"; p.LastName = "Salaün"; });
        foreach (var p in new[] { rozenn, yannick, zoe, karine })
            await ConsentAsync(Factory, p, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-30));

        await InterviewAsync(Factory, zoe, World.Worker56, Modality.Phone, Local(2026, 11, 26, 14));
        await InterviewAsync(Factory, yannick, World.Worker56, Modality.Phone, Local(2026, 11, 24, 10));
        await InterviewAsync(Factory, rozenn, World.Worker56, Modality.Phone, Local(2026, 11, 23, 15));
        // Earlier today and still open: it stays on today's list until it is recorded.
        await InterviewAsync(Factory, karine, World.Worker56, Modality.Phone, Local(2026, 11, 23, 8, 30));
        // Not on the agenda: yesterday's, already completed, cancelled.
        await InterviewAsync(Factory, karine, World.Worker56, Modality.Phone, Local(2026, 11, 20, 11));
        await InterviewAsync(Factory, yannick, World.Worker56, Modality.Phone, Local(2026, 11, 23, 11), InterviewStatus.Completed);
        await InterviewAsync(Factory, zoe, World.Worker56, Modality.Phone, Local(2026, 11, 25, 11), InterviewStatus.Cancelled);

        var page = await (await SignInAsync(World.Worker56)).GetAsync("/Interviews/Agenda");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var days = page.Document.QuerySelectorAll(".agenda-day h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Aujourd'hui", "Demain", "jeudi 26 novembre 2026"], days);
        var rows = page.Document.QuerySelectorAll(".agenda-day tbody tr")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Take(4).Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(
        [
            "08:30 | Karine Salaün | Téléphone | 45 min",
            "15:00 | Rozenn Kerjean | Téléphone | 45 min",
            "10:00 | Yannick Morvan | Téléphone | 45 min",
            "14:00 | Zoé Riou | Téléphone | 45 min",
        ], rows);
        Assert.Equal(4, page.Document.QuerySelectorAll(".agenda-day a[href^='/Interviews/Calendar/']").Length);
    }

    [Fact]
    public async Task Links_each_interview_to_its_page_and_to_its_calendar_file()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, Modality.Video, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        var interview = await InterviewAsync(Factory, person, World.Worker56, Modality.Video, Local(2026, 11, 25, 9, 30), duration: 60);

        var page = await (await SignInAsync(World.Worker56)).GetAsync("/Interviews/Agenda");

        var row = page.Document.QuerySelector(".agenda-day tbody tr")!;
        Assert.Equal($"/Interviews/Details/{interview.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector($"a[href='/Interviews/Calendar/{interview.Id}']"));
        Assert.Contains("Visioconférence", row.TextContent);
        Assert.Contains("60 min", row.TextContent);
        Assert.NotNull(page.Document.QuerySelector("a[href='/Interviews/Calendar']"));
    }

    [Fact]
    public async Task Flags_a_consent_withdrawn_since_scheduling()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, Modality.Video, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        await ConsentAsync(Factory, person, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        await InterviewAsync(Factory, person, World.Worker56, Modality.Video, Local(2026, 11, 27, 10), tickRequiredBefore: true);
        await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 30, 10), tickRequiredBefore: true);
        // The person changed her mind after the video interview was planned (seven days ago).
        await ConsentAsync(Factory, person, Modality.Video, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-1));

        var page = await (await SignInAsync(World.Worker56)).GetAsync("/Interviews/Agenda");

        var rows = page.Document.QuerySelectorAll(".agenda-day tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Consentement retiré", rows[0].TextContent);
        Assert.DoesNotContain("Consentement", rows[1].TextContent);
    }

    [Fact]
    public async Task Flags_missing_required_preparation_only_within_24_hours()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 23, 16));                           // today, nothing ticked
        await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 24, 9), tickRequiredBefore: true); // tomorrow, prepared
        await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 24, 11));                          // 25 h ahead, not yet due

        var page = await (await SignInAsync(World.Worker56)).GetAsync("/Interviews/Agenda");

        var rows = page.Document.QuerySelectorAll(".agenda-day tbody tr").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Préparation incomplète", rows[0].TextContent);
        Assert.DoesNotContain("Préparation incomplète", rows[1].TextContent);
        Assert.DoesNotContain("Préparation incomplète", rows[2].TextContent);
        Assert.DoesNotContain("Consentement", page.Text);
    }

    [Fact]
    public async Task Shows_only_the_signed_in_users_interviews()
    {
        var mine = await World.AddPersonAsync(Factory, World.Worker56);
        var colleagues = await World.AddPersonAsync(Factory, World.Colleague56, p => { p.FirstName = "Bernard"; p.LastName = "Hamon"; });
        var finistere = await World.AddPersonAsync(Factory, World.Worker29, p => { p.FirstName = "Gaëlle"; p.LastName = "Quéré"; });
        await InterviewAsync(Factory, mine, World.Worker56, Modality.Phone, Local(2026, 11, 24, 10));
        await InterviewAsync(Factory, colleagues, World.Colleague56, Modality.Phone, Local(2026, 11, 24, 11));
        await InterviewAsync(Factory, finistere, World.Worker29, Modality.Phone, Local(2026, 11, 24, 11));

        var page = await (await SignInAsync(World.Worker56)).GetAsync("/Interviews/Agenda");
        Assert.Contains("Rozenn Kerjean", page.Text);
        Assert.DoesNotContain("Bernard Hamon", page.Text);
        Assert.DoesNotContain("Gaëlle Quéré", page.Text);

        var other = await (await SignInAsync(World.Worker29)).GetAsync("/Interviews/Agenda");
        Assert.Contains("Gaëlle Quéré", other.Text);
        Assert.DoesNotContain("Rozenn Kerjean", other.Text);
    }

    [Fact]
    public async Task A_team_lead_sees_the_interviews_they_run()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        await InterviewAsync(Factory, person, World.Lead56, Modality.Phone, Local(2026, 11, 24, 14));
        await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 25, 14));

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/Interviews/Agenda");

        Assert.Single(page.Document.QuerySelectorAll(".agenda-day tbody tr"));
        Assert.Equal(["Demain"], page.Document.QuerySelectorAll(".agenda-day h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task An_empty_agenda_says_so()
    {
        var page = await (await SignInAsync(World.Worker56)).GetAsync("/Interviews/Agenda");
        Assert.Contains("Aucun entretien prévu pour le moment.", page.Text);
    }

    [Fact]
    public async Task Administrators_without_a_caseload_cannot_open_it()
    {
        var page = await (await SignInAsync(World.Admin56)).GetAsync("/Interviews/Agenda");
        Assert.Equal("/Account/AccessDenied", page.Url.AbsolutePath);
    }
}
