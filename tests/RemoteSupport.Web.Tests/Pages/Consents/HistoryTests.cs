using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Consents;

public sealed class HistoryTests(AppFactory factory) : WebTest(factory)
{
    private static List<string[]> Rows(Page page) =>
        page.Document.QuerySelectorAll("table.consent-history tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();

    [Fact]
    public async Task Shows_every_answer_newest_first_with_who_how_and_the_comment()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var start = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Video, ConsentDecision.Granted, start, "Accepte si la caméra reste facultative.");
        await ConsentData.AddAnswerAsync(Factory, person, World.Colleague56, Modality.Video, ConsentDecision.Withdrawn, start.AddDays(20), method: ConsentMethod.InWriting);
        await ConsentData.AddAnswerAsync(Factory, person, World.Lead56, Modality.Phone, ConsentDecision.Refused, start.AddDays(10), method: ConsentMethod.LegalRepresentative);
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Consents/History/{person.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Historique des consentements de Rozenn Kerjean", page.Text);
        var rows = Rows(page);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["21/09/2026 à 10:00", "Visioconférence", "Retiré", "Par écrit"], rows[0][..4]);
        Assert.StartsWith("Hugo Collègue", rows[0][4]);
        Assert.Equal("—", rows[0][5]);
        Assert.Equal(["11/09/2026 à 10:00", "Téléphone", "Refusé", "Par le représentant légal"], rows[1][..4]);
        Assert.StartsWith("Nadia Cadre", rows[1][4]);
        Assert.Equal(["01/09/2026 à 10:00", "Visioconférence", "Accordé", "À l'oral, pendant un appel"], rows[2][..4]);
        Assert.Equal("Accepte si la caméra reste facultative.", rows[2][5]);
        Assert.Contains("Retiré le 21/09/2026", page.Text);
    }

    [Fact]
    public async Task Opening_the_history_is_traced()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        await client.GetAsync($"/Consents/History/{person.Id}");
        var access = await Factory.WithDbAsync(db => db.PersonAccesses.SingleAsync(a => a.PersonId == person.Id));
        Assert.Equal("ConsentHistory", access.Page);
        Assert.Equal(World.Worker56.Id, access.UserId);
    }

    [Fact]
    public async Task An_empty_history_says_so()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Consents/History/{person.Id}");
        Assert.Contains("Aucune réponse n'a encore été enregistrée pour cette personne.", page.Text);
        Assert.Empty(Rows(page));
    }

    [Fact]
    public async Task A_comment_with_markup_is_shown_as_text()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Sms, ConsentDecision.Granted, TestClock.Start.AddDays(-1), "<b>gras</b>");
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Consents/History/{person.Id}");
        Assert.Contains("&lt;b&gt;gras&lt;/b&gt;", page.Html);
        Assert.Null(page.Document.QuerySelector("table.consent-history b"));
    }

    [Fact]
    public async Task Users_outside_the_department_or_the_team_get_404_and_leave_no_trace()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-1), "Confidentiel");
        foreach (var user in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(user);
            var page = await client.GetAsync($"/Consents/History/{person.Id}");
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Confidentiel", page.Html);
        }
        Assert.Equal(0, await Factory.WithDbAsync(db => db.PersonAccesses.CountAsync(a => a.PersonId == person.Id)));
    }
}
