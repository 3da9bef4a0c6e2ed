using System.Net;
using System.Text;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.TeamLead.TeamLeadData;

namespace RemoteSupport.Web.Tests.Pages.TeamLead;

public sealed class FiguresTests(AppFactory factory) : WebTest(factory)
{
    private static DateTimeOffset Nov(int day) => new(2026, 11, day, 9, 0, 0, TimeSpan.Zero);

    private async Task ArrangeAsync()
    {
        var person = await CalmPersonAsync(Factory, World.Worker56, "Figure");
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Video, Nov(2), InterviewStatus.Completed, fallbackTo: Modality.Phone);
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Video, Nov(3), InterviewStatus.Completed);
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Video, Nov(4), InterviewStatus.Postponed);
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Phone, Nov(5), InterviewStatus.NoShow);
        await InterviewAsync(Factory, person, World.Colleague56.Id, Modality.Phone, Nov(6), InterviewStatus.Completed);
        await InterviewAsync(Factory, person, World.Colleague56.Id, Modality.AudioConference, Nov(27), InterviewStatus.Planned);
        await InterviewAsync(Factory, person, World.Worker56.Id, Modality.Phone, new DateTimeOffset(2026, 10, 15, 9, 0, 0, TimeSpan.Zero), InterviewStatus.Completed);
        // Waiting to be met: one asked for at the last interview, one never met.
        await CalmPersonAsync(Factory, World.Colleague56, "JamaisVue", p => p.FirstFaceToFaceMeetingOn = null);
        var f2f = await CalmPersonAsync(Factory, World.Colleague56, "ÀRencontrer");
        await InterviewAsync(Factory, f2f, World.Colleague56.Id, Modality.Phone, Nov(10), InterviewStatus.Completed,
            new InterviewOutcome("Point d'étape", FaceToFaceNeeded: true, FaceToFaceReason: FaceToFaceReason.ComplexRequest));
        // Another department's interviews never count.
        var brest = await CalmPersonAsync(Factory, World.Worker29, "Brestoise");
        await InterviewAsync(Factory, brest, World.Worker29.Id, Modality.Video, Nov(2), InterviewStatus.NoShow);
    }

    private static string TableValue(Page page, string section, string row, int column = 0) =>
        page.Document.QuerySelector($"section[aria-labelledby='{section}'] table")!.QuerySelectorAll("tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == row).QuerySelectorAll("td")[column].TextContent.Trim();

    [Fact]
    public async Task Counts_interviews_of_the_period_by_modality_and_outcome_with_the_plan_B_rate()
    {
        await ArrangeAsync();

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Figures?Filter.From=2026-11-01&Filter.To=2026-11-30");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("3", TableValue(page, "modality-title", "Visioconférence"));
        Assert.Equal("3", TableValue(page, "modality-title", "Téléphone"));
        Assert.Equal("1", TableValue(page, "modality-title", "Audioconférence"));
        Assert.Equal("4", TableValue(page, "outcome-title", "Réalisés"));
        Assert.Equal("1", TableValue(page, "outcome-title", "Reportés"));
        Assert.Equal("1", TableValue(page, "outcome-title", "Personne absente"));
        Assert.Equal("1", TableValue(page, "outcome-title", "À venir ou en cours"));
        Assert.Equal("50 %", TableValue(page, "fallback-title", "Visioconférence", 2));
        Assert.Equal("0 %", TableValue(page, "fallback-title", "Téléphone", 2));
        Assert.Contains("Du 01/11/2026 au 30/11/2026 : 7 entretien(s).", page.Text);
        var waiting = page.Document.QuerySelectorAll("section[aria-labelledby='waiting-title'] dd");
        Assert.Equal("1", waiting[0].TextContent.Trim());
        Assert.Equal("1", waiting[1].TextContent.Trim());
    }

    [Fact]
    public async Task Charts_are_server_drawn_svg_with_a_text_alternative()
    {
        await ArrangeAsync();

        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Figures?Filter.From=2026-11-01&Filter.To=2026-11-30");

        var svg = page.Document.QuerySelector("svg[aria-labelledby='chart-modality-title chart-modality-desc']")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("Entretiens par modalité", svg.QuerySelector("title")!.TextContent);
        Assert.Equal("Téléphone : 3 ; Audioconférence : 1 ; Visioconférence : 3.", svg.QuerySelector("desc")!.TextContent);
        Assert.Equal(3, svg.QuerySelectorAll("rect").Length);
        Assert.Contains("Visioconférence : 50 %", page.Document.QuerySelector("#chart-fallback-desc")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task The_period_defaults_to_the_current_month()
    {
        var page = await (await SignInAsync(World.Lead56)).GetAsync("/TeamLead/Figures");
        Assert.Equal("2026-11-01", page.ValueOf("Filter.From"));
        Assert.Equal("2026-11-30", page.ValueOf("Filter.To"));
    }

    [Fact]
    public async Task A_bad_period_is_explained_next_to_the_fields()
    {
        var client = await SignInAsync(World.Lead56);

        var garbled = await client.GetAsync("/TeamLead/Figures?Filter.From=abc&Filter.To=2026-02-30");
        Assert.Equal(HttpStatusCode.OK, garbled.Status);
        Assert.Equal("Saisissez une date de début valide, par exemple 01/11/2026.", garbled.ErrorFor("Filter.From"));
        Assert.Equal("Saisissez une date de fin valide, par exemple 30/11/2026.", garbled.ErrorFor("Filter.To"));

        var reversed = await client.GetAsync("/TeamLead/Figures?Filter.From=2026-11-30&Filter.To=2026-11-01");
        Assert.Equal("La fin de la période doit suivre son début.", reversed.ErrorFor("Filter.To"));

        var tooLong = await client.GetAsync("/TeamLead/Figures?Filter.From=2020-01-01&Filter.To=2026-11-01");
        Assert.Equal("Choisissez une période d'au plus 366 jours.", tooLong.ErrorFor("Filter.To"));

        var empty = await client.GetAsync("/TeamLead/Figures?Filter.From=&Filter.To=2026-11-01&Filter.Team=xyz");
        Assert.Equal("Indiquez le début de la période.", empty.ErrorFor("Filter.From"));

        var csv = await client.GetAsync("/TeamLead/Figures?handler=Csv&Filter.From=2026-13-01&Filter.To=2026-11-01");
        Assert.Equal("text/html", (await client.Http.GetAsync("/TeamLead/Figures?handler=Csv&Filter.From=2026-13-01&Filter.To=2026-11-01")).Content.Headers.ContentType!.MediaType);
        Assert.NotNull(csv.ErrorFor("Filter.From"));
    }

    [Fact]
    public async Task The_csv_export_is_excel_ready_and_neutralises_formulas()
    {
        await ArrangeAsync();
        await Factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.Id == World.Colleague56.Id).DisplayName = "=HYPERLINK(\"http://pirate.test\";\"Voir\")";
            await db.SaveChangesAsync();
        });
        var client = await SignInAsync(World.Lead56);

        var response = await client.Http.GetAsync("/TeamLead/Figures?handler=Csv&Filter.From=2026-11-01&Filter.To=2026-11-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Travailleur social;Entretiens;Téléphone;Audioconférence;Visioconférence;Réalisés;Reportés;Personne absente;Annulés;"
            + "À venir ou en cours;Avec passage au plan B;Taux de plan B (%)", lines[0]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://pirate.test\"\";\"\"Voir\"\")\";3;2;1;0;2;0;0;0;1;0;0", lines);
        Assert.Contains("Léa Travailleuse;4;1;0;3;2;1;1;0;0;1;50", lines);
        Assert.Equal("Total;7;3;1;3;4;1;1;0;1;1;25", lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith('=') || l.StartsWith("\"=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lead_of_another_department_gets_none_of_its_figures()
    {
        await ArrangeAsync();

        var response = await (await SignInAsync(World.Lead29)).Http.GetAsync(
            $"/TeamLead/Figures?handler=Csv&Filter.From=2026-11-01&Filter.To=2026-11-30&Filter.Team={World.Vannes.Id}");

        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("Léa Travailleuse", text);
        Assert.Contains("Maël Finistère;1;0;0;1;0;0;1;0;0;0;0", text);
        Assert.Contains("Total;1;", text);
    }
}
