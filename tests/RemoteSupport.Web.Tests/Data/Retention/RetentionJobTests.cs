using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data.Journal;
using RemoteSupport.Web.Data.Retention;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Infrastructure.Jobs;
using RemoteSupport.Web.Messaging;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Rights;

namespace RemoteSupport.Web.Tests.Data.Retention;

public sealed class RetentionJobTests(AppFactory factory) : WebTest(factory)
{
    private static readonly DateTimeOffset LastContact = new(2024, 6, 10, 14, 0, 0, TimeSpan.Zero);

    private Task<RetentionJob.Report> RunAsync(bool apply) =>
        Factory.WithServicesAsync(s => s.GetRequiredService<RetentionJob>().RunAsync(apply, CancellationToken.None));

    private Task<AccompaniedPerson> PersonContactedAsync(DateTimeOffset at) =>
        World.AddPersonAsync(Factory, World.Worker56, p => { p.CreatedAt = at.AddMonths(-6); p.LastContactAt = at; });

    [Fact]
    public async Task A_person_is_left_alone_the_day_before_the_limit_and_anonymised_the_day_after()
    {
        var person = await PersonContactedAsync(LastContact);
        Factory.Clock.Set(LastContact.AddMonths(24).AddDays(-1));
        var before = await RunAsync(apply: true);
        Assert.Empty(before.Departments.Single(d => d.DepartmentId == World.Cd56.Id).Due);
        Assert.Equal("Kerjean", await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.LastName).SingleAsync()));

        Factory.Clock.Set(LastContact.AddMonths(24).AddDays(1));
        var after = await RunAsync(apply: true);
        Assert.Equal(1, after.Departments.Single(d => d.DepartmentId == World.Cd56.Id).Anonymised);
        var stored = await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(("Personne", "anonymisée", (string?)null), (stored.FirstName, stored.LastName, stored.Phone));
        Assert.Equal(Factory.Clock.GetUtcNow(), stored.AnonymisedAt);
        Assert.Equal(PersonStatus.Closed, stored.Status);
    }

    [Fact]
    public async Task The_department_setting_sets_the_period_and_a_dry_run_changes_nothing()
    {
        await Factory.WithDbAsync(async db => { (await db.Departments.SingleAsync(d => d.Id == World.Cd56.Id)).SetRetention(12, 12); await db.SaveChangesAsync(); });
        var person = await PersonContactedAsync(LastContact);
        Factory.Clock.Set(LastContact.AddMonths(12).AddDays(1));
        var dry = await RunAsync(apply: false);
        Assert.Equal([person.Id], dry.Departments.Single(d => d.DepartmentId == World.Cd56.Id).Due);
        Assert.Null(await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.AnonymisedAt).SingleAsync()));

        var output = new StringWriter();
        var code = await Factory.WithServicesAsync(s => Commands.RetentionCommandAsync(s, new Dictionary<string, string> { ["apply"] = "true" }, output, TextWriter.Null));
        Assert.Equal(0, code);
        Assert.Contains("Department CD56: 1 person(s) anonymised of 1 due", output.ToString());
        Assert.DoesNotContain("Kerjean", output.ToString());
        Assert.NotNull(await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.AnonymisedAt).SingleAsync()));
        Assert.Equal(2, await Factory.WithServicesAsync(s => Commands.RetentionCommandAsync(s, new Dictionary<string, string>(), TextWriter.Null, TextWriter.Null)));
    }

    [Fact]
    public async Task After_anonymisation_nothing_of_the_person_remains_in_any_text_column()
    {
        var file = await RightsData.FullFileAsync(Factory, World.Worker56, lastContact: LastContact);
        await RightsData.FullFileAsync(Factory, World.Colleague56, variant: 2);
        // The person's file was opened, exported and journaled through the app too.
        var lead = await SignInAsync(World.Lead56);
        await lead.GetAsync($"/Persons/Details/{file.Person.Id}");
        await lead.SubmitManyAsync($"/Rights/Export/{file.Person.Id}", [("IncludePrivateNotes", "true")], "main form");
        // And the notice e-mail left through the outbox: its row holds the address, the first name and the notice.
        await Pages.Interviews.InterviewData.ConsentAsync(Factory, file.Person, World.Worker56, ConsentDecision.Granted, Modality.Email);
        await (await SignInAsync(World.Worker56)).SubmitAsync($"/Rights/SendNotice/{file.Person.Id}", new());
        Assert.Equal(1, await Factory.Services.GetRequiredService<OutboxSender>().RunOnceAsync(CancellationToken.None));
        Assert.Contains("Bonjour Ysolde,", Assert.Single(Factory.Messaging.Mails).TextBody);
        var counts = await Factory.WithDbAsync(async db => (await db.Consents.CountAsync(c => c.PersonId == file.Person.Id),
            await db.Interviews.CountAsync(i => i.PersonId == file.Person.Id), await db.ActivityLog.CountAsync(a => a.PersonId == file.Person.Id)));

        Factory.Clock.Set(LastContact.AddMonths(24).AddDays(1));
        await RunAsync(apply: true);

        var found = await SearchEveryTextColumnAsync(file.Secrets);
        Assert.Empty(found);
        // The facts stay, so the figures stay right: same counts, and the person kept in the journal as an anonymous fact.
        var after = await Factory.WithDbAsync(async db => (await db.Consents.CountAsync(c => c.PersonId == file.Person.Id),
            await db.Interviews.CountAsync(i => i.PersonId == file.Person.Id), await db.ActivityLog.CountAsync(a => a.PersonId == file.Person.Id)));
        Assert.Equal((counts.Item1, counts.Item2, counts.Item3 + 1), after);
        // The other person (contacted recently) is untouched: the search does find them.
        Assert.NotEmpty(await SearchEveryTextColumnAsync(["Récentissime"]));
        // And the journal chain holds through the wiped descriptions.
        var chains = await Factory.WithDbAsync(db => JournalVerification.VerifyAsync(db, [World.Cd56.Id], CancellationToken.None));
        Assert.True(chains.Single().Intact, chains.Single().Break?.ToString());
    }

    /// <summary>Every text, varchar and jsonb column of every table, searched for each value (case-insensitive).</summary>
    private async Task<List<string>> SearchEveryTextColumnAsync(IEnumerable<string> values)
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'character', 'ARRAY')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        Assert.Contains(("AccompaniedPersons", "LastName"), columns);
        Assert.Contains(("AuditEntries", "After"), columns);
        var found = new List<string>();
        foreach (var value in values)
        {
            foreach (var (table, column) in columns)
            {
                await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\"::text ILIKE '%' || @v || '%'", connection);
                search.Parameters.AddWithValue("v", value);
                if ((long)(await search.ExecuteScalarAsync())! > 0) found.Add($"{value} in {table}.{column}");
            }
        }
        return found;
    }

    [Fact]
    public async Task A_team_lead_sees_who_is_due_within_30_days_and_holds_one_for_a_legal_obligation()
    {
        var soon = await PersonContactedAsync(TestClock.Start.AddMonths(-24).AddDays(20));
        var later = await World.AddPersonAsync(Factory, World.Worker56, p => { p.LastName = "Plustard"; p.LastContactAt = TestClock.Start.AddMonths(-24).AddDays(40); });
        var lead = await SignInAsync(World.Lead56);
        var page = await lead.GetAsync("/TeamLead/Retention");
        var row = Assert.Single(page.Document.QuerySelectorAll("table.retention-soon tbody tr"));
        Assert.Contains("Rozenn Kerjean", row.TextContent);
        Assert.Contains("13/12/2026", row.TextContent);
        Assert.DoesNotContain("Plustard", page.Text);

        var empty = await lead.SubmitAsync($"/TeamLead/RetentionHold/{soon.Id}", new() { ["Input.Reason"] = "  " });
        Assert.Equal("Indiquez l'obligation légale qui impose de conserver ce dossier.", empty.ErrorFor("Input.Reason"));
        var held = await lead.SubmitAsync($"/TeamLead/RetentionHold/{soon.Id}", new() { ["Input.Reason"] = "Procédure judiciaire en cours" });
        Assert.Equal("Le dossier est conservé au titre d'une obligation légale.", held.Flash);
        Assert.Empty(held.Document.QuerySelectorAll("table.retention-soon tbody tr"));
        Assert.Contains("Procédure judiciaire en cours", held.Document.QuerySelector("table.retention-held")!.TextContent);
        var journal = await Factory.WithDbAsync(db => db.ActivityLog.SingleAsync(a => a.PersonId == soon.Id));
        Assert.Equal((ActivityKind.RetentionHeld, World.Lead56.Id), (journal.Kind, journal.ActorId));

        Factory.Clock.Set(TestClock.Start.AddDays(25));
        await RunAsync(apply: true);
        Assert.Null(await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == soon.Id).Select(p => p.AnonymisedAt).SingleAsync()));
        Assert.Null(await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == later.Id).Select(p => p.AnonymisedAt).SingleAsync()));

        var worker = await SignInAsync(World.Worker56);
        Assert.StartsWith("/Account/AccessDenied", (await worker.GetAsync("/TeamLead/Retention")).Url.AbsolutePath, StringComparison.Ordinal);
        var other = await SignInAsync(World.Lead29);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/TeamLead/RetentionHold/{soon.Id}")).Status);
    }

    [Fact]
    public async Task Access_rows_older_than_the_department_setting_are_purged_and_newer_ones_kept()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await Factory.WithDbAsync(async db =>
        {
            (await db.Departments.SingleAsync(d => d.Id == World.Cd56.Id)).SetRetention(6, 24);
            foreach (var at in new[] { TestClock.Start.AddMonths(-6).AddDays(-1), TestClock.Start.AddMonths(-6).AddDays(1) })
                db.PersonAccesses.Add(PersonAccess.Record(person.DepartmentId, person.Id, World.Worker56.Id, at, "Details"));
            db.PersonAccesses.Add(PersonAccess.Record(World.Cd29.Id, person.Id, World.Worker29.Id, TestClock.Start.AddMonths(-7), "Details"));
            await db.SaveChangesAsync();
        });
        var report = await RunAsync(apply: true);
        Assert.Equal(1, report.Departments.Single(d => d.DepartmentId == World.Cd56.Id).AccessRowsPurged);
        var left = await Factory.WithDbAsync(db => db.PersonAccesses.OrderBy(a => a.At).Select(a => a.At).ToListAsync());
        // CD29 keeps 12 months by default: its 7-month-old row stays.
        Assert.Equal([TestClock.Start.AddMonths(-7), TestClock.Start.AddMonths(-6).AddDays(1)], left);
    }

    [Fact]
    public async Task Two_instances_never_run_the_job_at_once()
    {
        await using var other = new NpgsqlConnection(Factory.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RetentionJob.LockKey})", other)) await take.ExecuteNonQueryAsync();
        var report = await RunAsync(apply: true);
        Assert.True(report.Skipped);
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RetentionJob.LockKey})", other)) await release.ExecuteNonQueryAsync();
        Assert.False((await RunAsync(apply: true)).Skipped);
    }

    [Fact]
    public async Task The_nightly_retention_is_a_job_of_the_shared_runner_due_once_a_night_from_half_past_two()
    {
        var job = new RetentionNightlyJob();
        var night = new DateTimeOffset(2026, 11, 24, 1, 29, 0, TimeSpan.Zero); // 02:29 in Paris
        Assert.False(job.IsDue(null, night));
        Assert.True(job.IsDue(null, night.AddMinutes(1)));
        Assert.False(job.IsDue(night.AddMinutes(1), night.AddHours(20)));
        Assert.False(job.IsDue(night.AddMinutes(1), night.AddDays(1)));
        Assert.True(job.IsDue(night.AddMinutes(1), night.AddDays(1).AddMinutes(1)));

        var person = await PersonContactedAsync(LastContact);
        Factory.Clock.Set(LastContact.AddMonths(24).AddDays(1));
        var runner = Factory.Services.GetRequiredService<JobRunner>();

        // While the `retention` command holds the job's own lock, the night's run does nothing and is not a success.
        await using var other = new NpgsqlConnection(Factory.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RetentionJob.LockKey})", other)) await take.ExecuteNonQueryAsync();
        Assert.Equal(JobOutcome.Failed, (await runner.RunAsync(job, force: true, CancellationToken.None)).Outcome);
        Assert.Null(await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.AnonymisedAt).SingleAsync()));
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RetentionJob.LockKey})", other)) await release.ExecuteNonQueryAsync();

        var result = await runner.RunAsync(job, force: true, CancellationToken.None);
        Assert.Equal(JobOutcome.Succeeded, result.Outcome);
        Assert.EndsWith(" departments, 1 anonymised, 0 access rows purged", result.Summary);
        Assert.Equal(Factory.Clock.GetUtcNow(), await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.AnonymisedAt).SingleAsync()));
        var row = await Factory.WithDbAsync(db => db.Set<JobRun>().AsNoTracking().SingleAsync(r => r.Name == RetentionNightlyJob.JobName));
        Assert.Equal(("Succeeded", result.Summary), (row.LastOutcome, row.LastSummary));
    }
}
