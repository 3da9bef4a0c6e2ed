using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Journal;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Data.Journal;

public sealed class JournalChainTests(AppFactory factory) : WebTest(factory)
{
    private async Task<List<long>> WriteEntriesAsync(int departmentId, Guid personId, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await Factory.WithDbAsync(async db =>
            {
                var entry = ActivityLogEntry.For(departmentId, personId, World.Worker56.Id, TestClock.Start.AddMinutes(i), ActivityKind.ContactLogged, $"Appel n° {i}");
                db.ActivityLog.Add(entry);
                await db.SaveChangesAsync();
                return entry.Id;
            }));
        }
        return ids;
    }

    private Task<IReadOnlyList<JournalVerification.Result>> VerifyAsync() =>
        Factory.WithDbAsync(db => JournalVerification.VerifyAsync(db, [World.Cd56.Id, World.Cd29.Id], CancellationToken.None));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Entries_written_by_the_app_are_chained_per_department()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var other = await World.AddPersonAsync(Factory, World.Worker29);
        await WriteEntriesAsync(World.Cd56.Id, person.Id, 3);
        await WriteEntriesAsync(World.Cd29.Id, other.Id, 2);
        var seqs = await Factory.WithDbAsync(db => db.ActivityLog.OrderBy(a => a.Id).Select(a => new { a.DepartmentId, a.ChainSeq }).ToListAsync());
        Assert.Equal([1, 2, 3], seqs.Where(s => s.DepartmentId == World.Cd56.Id).Select(s => s.ChainSeq!.Value));
        Assert.Equal([1, 2], seqs.Where(s => s.DepartmentId == World.Cd29.Id).Select(s => s.ChainSeq!.Value));
        Assert.All(await VerifyAsync(), r => Assert.True(r.Intact));
    }

    [Fact]
    public async Task A_row_altered_in_SQL_is_found_by_the_command_and_the_administration_page()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var ids = await WriteEntriesAsync(World.Cd56.Id, person.Id, 5);
        await ExecuteAsync($"UPDATE \"ActivityLog\" SET \"Description\" = 'Appel falsifié' WHERE \"Id\" = {ids[2]}");

        var result = (await VerifyAsync()).Single(r => r.DepartmentId == World.Cd56.Id);
        Assert.Equal(new RemoteSupport.Domain.Activity.JournalChain.Break(ids[2], 3, JournalChain.BreakKind.ContentChanged), result.Break);
        Assert.True((await VerifyAsync()).Single(r => r.DepartmentId == World.Cd29.Id).Intact);

        var output = new StringWriter();
        Assert.Equal(1, await Factory.WithServicesAsync(s => Commands.VerifyJournalAsync(s, output)));
        Assert.Contains($"Department CD56: BROKEN at entry {ids[2]} (sequence 3): ContentChanged.", output.ToString());
        Assert.Contains("Department CD29: intact (0 entries).", output.ToString());

        var admin = await SignInAsync(World.SuperAdmin);
        var page = await admin.GetAsync("/Admin/Journal/Chain");
        var rows = page.Document.QuerySelectorAll("table.journal-chain tbody tr").Select(r => System.Text.RegularExpressions.Regex.Replace(r.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.Contains(rows, r => r.Contains("CD29", StringComparison.Ordinal) && r.Contains("Intacte", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("CD56", StringComparison.Ordinal) && r.Contains($"Rompue à l'entrée n° {ids[2]} (séquence 3) : contenu modifié après coup", StringComparison.Ordinal));
        // A one-department administrator sees only their department.
        var admin56 = await SignInAsync(World.Admin56);
        Assert.Single((await admin56.GetAsync("/Admin/Journal/Chain")).Document.QuerySelectorAll("table.journal-chain tbody tr"));
    }

    [Fact]
    public async Task A_deleted_row_is_found()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var ids = await WriteEntriesAsync(World.Cd56.Id, person.Id, 4);
        await ExecuteAsync($"DELETE FROM \"ActivityLog\" WHERE \"Id\" = {ids[1]}");
        var result = (await VerifyAsync()).Single(r => r.DepartmentId == World.Cd56.Id);
        Assert.Equal((ids[2], JournalChain.BreakKind.SequenceGap), (result.Break!.EntryId, result.Break.Kind));
    }

    [Fact]
    public async Task A_changed_time_is_found()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var ids = await WriteEntriesAsync(World.Cd56.Id, person.Id, 3);
        await ExecuteAsync($"UPDATE \"ActivityLog\" SET \"At\" = \"At\" - interval '1 day' WHERE \"Id\" = {ids[0]}");
        var changed = (await VerifyAsync()).Single(r => r.DepartmentId == World.Cd56.Id);
        Assert.Equal((ids[0], JournalChain.BreakKind.ContentChanged), (changed.Break!.EntryId, changed.Break.Kind));
    }

    [Fact]
    public async Task Concurrent_writers_of_one_department_never_fork_the_chain()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().AsSystem();
            db.ActivityLog.Add(ActivityLogEntry.For(World.Cd56.Id, person.Id, World.Worker56.Id, TestClock.Start, ActivityKind.ContactLogged, $"Note {i}"));
            await db.SaveChangesAsync();
        })));
        var seqs = await Factory.WithDbAsync(db => db.ActivityLog.OrderBy(a => a.ChainSeq).Select(a => a.ChainSeq!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), seqs);
        Assert.True((await VerifyAsync()).Single(r => r.DepartmentId == World.Cd56.Id).Intact);
    }

    [Fact]
    public async Task Entries_written_before_the_chain_are_sealed_by_the_migration_SQL_exactly_as_the_app_would()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ExecuteAsync($"""
            INSERT INTO "ActivityLog" ("DepartmentId", "PersonId", "ActorId", "At", "Kind", "Description", "InterviewId", "Modality", "Redacted")
            VALUES ({World.Cd56.Id}, '{person.Id}', '{World.Worker56.Id}', '2026-01-02 03:04:05.123456+00', 'ContactLogged', 'Appel d''avant, été', NULL, 'Video', false),
                   ({World.Cd56.Id}, NULL, '{World.Worker56.Id}', '2026-01-03 03:04:05+00', 'ContactLogged', 'Contact sans personne', NULL, NULL, false)
            """);
        Assert.Equal(JournalChain.BreakKind.MissingSeal, (await VerifyAsync()).Single(r => r.DepartmentId == World.Cd56.Id).Break!.Kind);
        await ExecuteAsync(JournalChainSql.SealExistingEntries);
        Assert.True((await VerifyAsync()).Single(r => r.DepartmentId == World.Cd56.Id).Intact);
        // The app continues the chain the SQL sealed.
        await WriteEntriesAsync(World.Cd56.Id, person.Id, 1);
        var results = await VerifyAsync();
        Assert.Equal(3, results.Single(r => r.DepartmentId == World.Cd56.Id).Entries);
        Assert.True(results.Single(r => r.DepartmentId == World.Cd56.Id).Intact);
    }
}
