using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Bench.Seed;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.TeamLead;

namespace RemoteSupport.Web.Tests.Bench;

/// <summary>
/// The data generator of docs/performance.md (bench/RemoteSupport.Bench.Seed, outside the web assembly), run small with
/// the tool's own services: what it writes is usable by the pages it measures.
/// </summary>
public sealed class ScaleSeederTests(AppFactory factory) : WebTest(factory)
{
    private async Task<int> SeedAsync()
    {
        await using var provider = SeedTool.Services(Factory.ConnectionString, Factory.Clock);
        await using var scope = provider.CreateAsyncScope();
        return await ScaleSeeder.RunAsync(scope.ServiceProvider, new Dictionary<string, string>
        {
            ["persons"] = "120", ["workers"] = "8", ["teams"] = "2", ["interviews"] = "900", ["activity"] = "3000",
        }, CancellationToken.None);
    }

    [Fact]
    public async Task Seeds_a_department_whose_lead_can_sign_in_and_rank_everyone()
    {
        Assert.Equal(0, await SeedAsync());

        var counts = await Factory.WithDbAsync(async db =>
        {
            var department = await db.Departments.SingleAsync(d => d.Code == "CD99");
            return new
            {
                Persons = await db.Persons.CountAsync(p => p.DepartmentId == department.Id),
                Active = await db.Persons.CountAsync(p => p.DepartmentId == department.Id && p.Status == PersonStatus.Active),
                Interviews = await db.Interviews.CountAsync(i => i.DepartmentId == department.Id),
                Journal = await db.ActivityLog.CountAsync(a => a.DepartmentId == department.Id),
                Users = await db.Users.CountAsync(u => u.DepartmentId == department.Id),
                Fresh = await db.PersonPriorities.CountAsync(p => p.DepartmentId == department.Id && !p.IsStale),
            };
        });
        Assert.Equal(120, counts.Persons);
        Assert.Equal(900, counts.Interviews);
        Assert.Equal(3000, counts.Journal);
        Assert.Equal(10, counts.Users);
        Assert.Equal(120, counts.Fresh);

        // Team leads sign in with a second factor: the seeder gave them the demo's documented key (as the benchmark uses).
        var lead = await WebClient.SignInAsync(Factory, ScaleSeeder.LeadEmail, DemoSeeder.DemoPassword, DemoSeeder.DemoAuthenticatorKey);
        var page = await lead.GetAsync("/TeamLead/Priorities");
        Assert.Contains($"{counts.Active} personne(s) suivie(s), classées par priorité.", page.Text);
        Assert.NotEmpty(PrioritiesTests.Rows(page));
        // Triggers are back on after the bulk load: a new answer marks the person stale again.
        var person = await Factory.WithDbAsync(db => db.Persons.FirstAsync(p => p.Status == PersonStatus.Active
            && db.Departments.Any(d => d.Id == p.DepartmentId && d.Code == "CD99")));
        await TeamLeadData.ConsentAsync(Factory, person, Domain.Common.Modality.Sms, Domain.Consents.ConsentDecision.Granted, TestClock.Start);
        Assert.True(await Factory.WithDbAsync(db => db.PersonPriorities.Where(p => p.PersonId == person.Id).Select(p => p.IsStale).SingleAsync()));
    }

    [Fact]
    public async Task Refuses_to_run_twice_on_the_same_database()
    {
        Assert.Equal(0, await SeedAsync());
        Assert.Equal(1, await SeedAsync());
    }

    [Fact]
    public void Benchmark_data_is_not_in_the_web_assembly()
    {
        var web = typeof(Program).Assembly;
        Assert.DoesNotContain(web.GetTypes(), t => t.Name == nameof(ScaleSeeder));
        Assert.Equal(typeof(SeedTool).Assembly, typeof(ScaleSeeder).Assembly);
        // The operator command is gone: the published app takes "seed-scale" for an ordinary host argument.
        Assert.Null(Web.Infrastructure.Commands.Split(["seed-scale", "--persons", "10"]).Command);
    }
}
