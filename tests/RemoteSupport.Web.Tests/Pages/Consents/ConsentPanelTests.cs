using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Consents;

/// <summary>The consents section of the person's page (/Persons/Details/{id}).</summary>
public sealed class ConsentPanelTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_new_person_has_every_modality_never_asked()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        var table = page.Document.QuerySelector("table.consent-matrix")!;
        Assert.Equal("Consentement à chaque modalité, aujourd'hui", table.QuerySelector("caption")!.TextContent.Trim());
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("th[scope=row]")!.TextContent.Trim()).ToList();
        Assert.Equal(["Téléphone", "Audioconférence", "Visioconférence", "SMS", "E-mail", "Participation à un groupe"], rows);
        Assert.All(rows, m => Assert.Equal("Jamais recueilli", page.MatrixState(m)));
        Assert.Contains("Aucune réponse enregistrée pour l'instant.", page.Text);
    }

    [Fact]
    public async Task The_matrix_says_each_state_in_words_with_its_date()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var day = new DateTimeOffset(2026, 10, 12, 8, 0, 0, TimeSpan.Zero);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Phone, ConsentDecision.Granted, day);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Phone, ConsentDecision.Granted, day.AddDays(20));
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Video, ConsentDecision.Granted, day);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Video, ConsentDecision.Withdrawn, day.AddDays(30));
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Sms, ConsentDecision.Refused, day.AddDays(5));
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        // Confirming a grant keeps the date of the first one.
        Assert.Equal("Accordé depuis le 12/10/2026", page.MatrixState("Téléphone"));
        Assert.Equal("Jamais recueilli", page.MatrixState("Audioconférence"));
        Assert.Equal("Retiré le 11/11/2026", page.MatrixState("Visioconférence"));
        Assert.Equal("Refusé le 17/10/2026", page.MatrixState("SMS"));
    }

    [Fact]
    public async Task Each_modality_links_to_the_form_with_that_modality_chosen()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        var links = page.Document.QuerySelectorAll("table.consent-matrix a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Enum.GetValues<Modality>().Select(m => $"/Consents/Record/{person.Id}?modality={m}"), links);
        Assert.NotNull(page.Document.QuerySelector($".person-consents a[href='/Consents/Preferences/{person.Id}']"));
        Assert.NotNull(page.Document.QuerySelector($".person-consents a[href='/Consents/History/{person.Id}']"));
    }

    [Fact]
    public async Task Only_the_ten_latest_answers_are_listed_with_a_link_to_all()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 12; i++)
        {
            await ConsentData.AddAnswerAsync(Factory, person, World.Colleague56, Modality.Phone,
                i % 2 == 0 ? ConsentDecision.Granted : ConsentDecision.Withdrawn, start.AddDays(7 * i), comment: $"Commentaire {i}");
        }
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        var lines = page.Document.QuerySelectorAll(".consent-latest li").Select(l => l.TextContent).ToList();
        Assert.Equal(10, lines.Count);
        Assert.Contains("23/03/2026", lines[0]);   // the 12th answer, newest first
        Assert.Contains("Téléphone : retiré", lines[0]);
        Assert.Contains("Hugo Collègue", lines[0]);
        Assert.Contains("Voir tout l'historique (12 réponses)", page.Text);
        // Comments stay on the history page.
        Assert.DoesNotContain("Commentaire", page.Document.QuerySelector(".person-consents")!.TextContent);
    }

    [Fact]
    public async Task A_planned_interview_whose_modality_is_not_consented_is_flagged_on_the_person_page()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-20));
        var video = await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.Video, TestClock.Start.AddDays(3));
        await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.Phone, TestClock.Start.AddDays(4));
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Persons/Details/{person.Id}");

        var warning = page.Document.QuerySelector(".person-consents .warning")!;
        var links = warning.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Interviews/Details/{video.Id}"], links);
        Assert.Contains("26/11/2026 à 10:00, par visioconférence", warning.TextContent);
        Assert.Contains("n'a pas encore donné son accord pour un échange par visioconférence", warning.TextContent);
    }

    [Fact]
    public async Task Past_or_cancelled_interviews_are_not_flagged()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.Video, TestClock.Start.AddDays(-1));
        await ConsentData.AddInterviewAsync(Factory, person, World.Worker56, Modality.Video, TestClock.Start.AddDays(2), InterviewStatus.Cancelled);
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Persons/Details/{person.Id}");
        Assert.Null(page.Document.QuerySelector(".person-consents .warning"));
    }
}
