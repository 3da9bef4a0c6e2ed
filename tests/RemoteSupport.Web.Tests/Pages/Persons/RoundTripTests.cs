using System.Net;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

/// <summary>
/// SQL round trips of the two pages the benchmark measures (issue 12): « Ma file active » and a person's page with every
/// panel, for a person who needs digital help (so the nearby digital-help places are read too). Figures in
/// docs/performance.md, « Round 3 » and « Round 4 ».
/// </summary>
public sealed class RoundTripTests(AppFactory factory, ITestOutputHelper output) : WebTest(factory)
{
    private async Task<IReadOnlyList<string>> CommandsAsync(Func<Task> request, string what)
    {
        using var counter = SqlCommandCounter.Start();
        // EF Core checks whether anyone listens at most once a second (its logging cache time): wait for it to notice.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var before = counter.Commands.Count;
        await request();
        var commands = counter.Commands.Skip(before).ToList();
        output.WriteLine($"{what}: {commands.Count} round trips");
        foreach (var command in commands) output.WriteLine("  " + command);
        return commands;
    }

    [Fact]
    public async Task The_person_page_and_the_caseload_read_in_few_round_trips()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p =>
        {
            p.DigitalSkills = DigitalSkills.None;
            p.HasInternetAccess = false;
        });
        var client = await SignInAsync(World.Worker56);
        // A first request of each page: the session's "last seen" write and the priorities' refresh are not what is counted.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Persons/Details/{person.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Persons")).Status);

        var details = await CommandsAsync(async () =>
        {
            var page = await client.GetAsync($"/Persons/Details/{person.Id}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Orientations", page.Text);
        }, "Person page");
        var caseload = await CommandsAsync(async () =>
        {
            var page = await client.GetAsync("/Persons");
            Assert.Equal(HttpStatusCode.OK, page.Status);
        }, "Caseload");

        // Counted here: the commands of EF Core. The session check is one more statement on every request, sent with raw
        // Npgsql on the app's data source (ADR-0026, ADR-0028), so not among them.
        // Person page, 10 EF commands before round 3 (11 with the session check), 10 at its end: the person, the journal,
        // the interviews, the consents, the follow-up actions with the orientations (one statement), the messages with the
        // latest notice e-mail (one statement since round 4), the nearby digital help, the group sessions the person
        // joined, the access trace: 9.
        Assert.Equal(9, details.Count);
        Assert.DoesNotContain(details, c => c.Contains("\"UserSessions\"", StringComparison.Ordinal));
        // Caseload: the page's rows.
        Assert.Single(caseload);
    }
}
