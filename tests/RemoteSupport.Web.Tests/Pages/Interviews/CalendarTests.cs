using System.Net;
using System.Text;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.AgendaArrange;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

public sealed class CalendarTests(AppFactory factory) : WebTest(factory)
{
    private static async Task<(HttpStatusCode Status, string? ContentType, string Body)> DownloadAsync(Infrastructure.WebClient client, string url)
    {
        using var response = await client.Http.GetAsync(url);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_interview_downloads_as_an_event_that_carries_initials_only()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 24, 10, 30));

        var (status, type, body) = await DownloadAsync(await SignInAsync(World.Worker56), $"/Interviews/Calendar/{interview.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/calendar", type);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", body);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", body);
        Assert.Contains($"UID:{interview.Id}@", body);
        Assert.Contains("DTSTAMP:20261123T090000Z\r\n", body);
        Assert.Contains("DTSTART:20261124T093000Z\r\n", body);
        Assert.Contains("DTEND:20261124T101500Z\r\n", body);
        Assert.Contains("SUMMARY:Entretien téléphone – R.K.\r\n", body);
        // Nothing that identifies or describes the person leaves the application.
        Assert.DoesNotContain("Rozenn", body);
        Assert.DoesNotContain("Kerjean", body);
        Assert.DoesNotContain("06 39 98", body);
        Assert.DoesNotContain("logement", body);
        Assert.DoesNotContain("\n", body.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.All(body.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
    }

    [Fact]
    public async Task A_colleague_of_the_team_may_download_it_but_not_a_worker_of_another_team()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 24, 10, 30));

        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(await SignInAsync(World.Colleague56), $"/Interviews/Calendar/{interview.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(await SignInAsync(World.Lead56), $"/Interviews/Calendar/{interview.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(await SignInAsync(World.OtherTeamWorker56), $"/Interviews/Calendar/{interview.Id}")).Status);
    }

    [Fact]
    public async Task Another_departments_interview_is_not_found()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 24, 10, 30));

        var worker = await DownloadAsync(await SignInAsync(World.Worker29), $"/Interviews/Calendar/{interview.Id}");
        var lead = await DownloadAsync(await SignInAsync(World.Lead29), $"/Interviews/Calendar/{interview.Id}");

        Assert.Equal(HttpStatusCode.NotFound, worker.Status);
        Assert.Equal(HttpStatusCode.NotFound, lead.Status);
        Assert.DoesNotContain("BEGIN:VCALENDAR", worker.Body);
        Assert.DoesNotContain("R.K.", worker.Body);
    }

    [Fact]
    public async Task An_unknown_interview_is_not_found()
    {
        var (status, _, _) = await DownloadAsync(await SignInAsync(World.Worker56), $"/Interviews/Calendar/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task The_whole_agenda_holds_the_users_open_interviews_only()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var other = await World.AddPersonAsync(Factory, World.Colleague56, p => { p.FirstName = "Bernard"; p.LastName = "Hamon"; });
        var first = await InterviewAsync(Factory, person, World.Worker56, Modality.Video, Local(2026, 11, 24, 10, 30));
        var second = await InterviewAsync(Factory, person, World.Worker56, Modality.AudioConference, Local(2026, 11, 26, 14));
        var cancelled = await InterviewAsync(Factory, person, World.Worker56, Modality.Phone, Local(2026, 11, 25, 14), InterviewStatus.Cancelled);
        var colleagues = await InterviewAsync(Factory, other, World.Colleague56, Modality.Phone, Local(2026, 11, 25, 14));

        var (status, _, body) = await DownloadAsync(await SignInAsync(World.Worker56), "/Interviews/Calendar");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains($"UID:{first.Id}@", body);
        Assert.Contains($"UID:{second.Id}@", body);
        Assert.Contains("SUMMARY:Entretien visioconférence – R.K.", body);
        Assert.Contains("SUMMARY:Entretien audioconférence – R.K.", body);
        Assert.DoesNotContain(cancelled.Id.ToString(), body);
        Assert.DoesNotContain(colleagues.Id.ToString(), body);
    }
}

public sealed class ICalendarWriterTests
{
    [Fact]
    public void Text_values_escape_the_characters_that_have_a_meaning_in_iCalendar()
    {
        Assert.Equal(@"a\\b\; c\, d\ne\nf", ICalendarWriter.Escape("a\\b; c, d\r\ne\nf"));
    }

    [Fact]
    public void Long_lines_are_folded_at_75_octets_without_cutting_a_character()
    {
        var text = string.Concat(Enumerable.Repeat("é", 100));
        var written = new ICalendarWriter().Text("DESCRIPTION", text).ToString();

        var lines = written.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 1);
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75));
        Assert.All(lines.Skip(1), line => Assert.StartsWith(" ", line));
        // Unfolding (removing CRLF + space) gives the value back intact.
        Assert.Equal($"DESCRIPTION:{text}\r\n", written.Replace("\r\n ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Times_are_written_in_utc()
    {
        var paris = new DateTimeOffset(2026, 7, 1, 14, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal("20260701T123000Z", ICalendarWriter.FormatUtc(paris));
    }
}
