using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Data.Seed;

/// <summary>What "seed-demo" leaves in an empty database. Starts from an empty database, without the test World.</summary>
[Collection(WebCollection.Name)]
public sealed class DemoSeederTests(AppFactory factory) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await factory.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task SeedAsync() =>
        await factory.WithServicesAsync(async services =>
        {
            await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
            return true;
        });

    private sealed record Counts(int Departments, int Users, int Persons, int Templates, int Interviews, int ChecklistItems, int Actions, int Journal, int Consents);

    private Task<Counts> CountAsync() => factory.WithDbAsync(async db => new Counts(
        await db.Departments.CountAsync(), await db.Users.CountAsync(), await db.Persons.CountAsync(), await db.ChecklistTemplates.CountAsync(),
        await db.Interviews.CountAsync(), await db.InterviewChecklistItems.CountAsync(), await db.FollowUpActions.CountAsync(),
        await db.ActivityLog.CountAsync(), await db.Consents.CountAsync()));

    [Fact]
    public async Task Seeds_the_demo_once_quickly_and_completely()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync();
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"Seeding took {watch.Elapsed}.");

        var counts = await CountAsync();
        Assert.Equal(4, counts.Departments);
        Assert.Equal(6, counts.Users);
        Assert.Equal(180, counts.Persons);

        await factory.WithDbAsync(async db =>
        {
            var workers = await db.Persons.GroupBy(p => p.ReferentId).Select(g => g.Count()).ToListAsync();
            Assert.Equal([60, 60, 60], workers);
            var reasons = (await db.Persons.Select(p => p.RemoteReasons).ToListAsync()).SelectMany(r => r).Distinct();
            Assert.Equal(Enum.GetValues<RemoteReason>().Order(), reasons.Order());
            // Every preferred window is whole, as the form requires: both hours or none.
            var windows = await db.Persons.Select(p => new { p.PreferredTimeFrom, p.PreferredTimeUntil }).ToListAsync();
            Assert.DoesNotContain(windows, w => (w.PreferredTimeFrom is null) != (w.PreferredTimeUntil is null));
            Assert.Contains(windows, w => w.PreferredTimeFrom is not null);

            var templates = await db.ChecklistTemplates.Include(t => t.Items).ToListAsync();
            // One list per interview modality and department; SMS is not an interview and has none.
            Assert.Equal(16, templates.Count);
            Assert.All(templates.GroupBy(t => t.DepartmentId), g => Assert.Equal(ModalityText.ChecklistModalities.Order(), g.Select(t => t.Modality).Order()));
            Assert.All(templates, t => Assert.False(t.IsDraft));

            var statuses = await db.Interviews.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            foreach (var status in new[] { InterviewStatus.Planned, InterviewStatus.Completed, InterviewStatus.Postponed, InterviewStatus.Cancelled, InterviewStatus.NoShow })
                Assert.True(statuses.GetValueOrDefault(status) > 0, $"No {status} interview.");
            Assert.True(await db.FallbackSwitches.AnyAsync(s => s.From == Modality.Video && s.To == Modality.Phone));
            Assert.True(await db.Interviews.AnyAsync(i => i.FaceToFaceNeeded && i.FaceToFaceReason != null));

            var today = DateOnly.FromDateTime(RemoteSupport.Web.Infrastructure.FrenchTime.ToLocal(TestClock.Start));
            var actions = await db.FollowUpActions.ToListAsync();
            Assert.Contains(actions, a => a.IsOverdue(today));
            Assert.Contains(actions, a => a.DoneAt is not null);

            // Each worker has interviews today and in the next two weeks, and nothing beyond.
            var todayStart = RemoteSupport.Web.Infrastructure.FrenchTime.FromLocal(today.ToDateTime(TimeOnly.MinValue));
            var planned = await db.Interviews.Where(i => i.Status == InterviewStatus.Planned).ToListAsync();
            Assert.All(planned, i => Assert.InRange(i.ScheduledAt, todayStart, todayStart.AddDays(16)));
            Assert.Equal(3, planned.Where(i => i.ScheduledAt < todayStart.AddDays(1)).Select(i => i.WorkerId).Distinct().Count());
        });
    }

    [Fact]
    public async Task Interviews_respect_consents_and_keep_the_last_contact_consistent()
    {
        await SeedAsync();
        await factory.WithDbAsync(async db =>
        {
            var consents = (await db.Consents.AsNoTracking().ToListAsync()).ToLookup(c => c.PersonId);
            var interviews = await db.Interviews.AsNoTracking().Include(i => i.Checklist).ToListAsync();
            // Scheduled only with the consent in force when it was scheduled.
            Assert.All(interviews, i => Assert.True(ConsentPolicy.StateAt(consents[i.PersonId], i.Modality, i.CreatedAt).IsGranted, $"Interview {i.Id}"));
            // A video interview switched to the phone only with phone consent.
            var switches = await db.FallbackSwitches.AsNoTracking().ToListAsync();
            Assert.All(switches, s => Assert.True(ConsentPolicy.StateAt(consents[interviews.Single(i => i.Id == s.InterviewId).PersonId], s.To, s.At).IsGranted));
            // Every interview carries its checklist; completed ones have every required item ticked.
            Assert.All(interviews, i => Assert.NotEmpty(i.Checklist));
            Assert.All(interviews.Where(i => i.Status == InterviewStatus.Completed),
                i => Assert.All(i.Checklist.Where(c => c.Required), c => Assert.NotNull(c.CheckedAt)));
            // Nothing happened in the future.
            Assert.All(interviews.Where(i => i.Status != InterviewStatus.Planned), i => Assert.True(i.EndedAt <= TestClock.Start));

            // The last contact is the latest completed interview or logged contact, as the pages maintain it.
            var journal = await db.ActivityLog.AsNoTracking()
                .Where(a => a.Kind == ActivityKind.InterviewCompleted || a.Kind == ActivityKind.ContactLogged)
                .GroupBy(a => a.PersonId).Select(g => new { PersonId = g.Key, Last = g.Max(a => a.At) }).ToDictionaryAsync(g => g.PersonId!.Value, g => g.Last);
            var persons = await db.Persons.AsNoTracking().ToListAsync();
            Assert.All(persons, p => Assert.Equal(journal.TryGetValue(p.Id, out var last) ? last : null, p.LastContactAt));
            Assert.Contains(persons, p => p.LastContactAt is null);

            // Every interview is in the journal.
            var scheduled = await db.ActivityLog.CountAsync(a => a.Kind == ActivityKind.InterviewScheduled);
            Assert.Equal(interviews.Count, scheduled);
            Assert.Equal(interviews.Count(i => i.Status == InterviewStatus.Completed), await db.ActivityLog.CountAsync(a => a.Kind == ActivityKind.InterviewCompleted));
        });
    }

    [Fact]
    public async Task Flags_of_the_agenda_have_examples_in_the_demo()
    {
        await SeedAsync();
        await factory.WithDbAsync(async db =>
        {
            var planned = await db.Interviews.AsNoTracking().Include(i => i.Checklist).Where(i => i.Status == InterviewStatus.Planned).ToListAsync();
            var consents = (await db.Consents.AsNoTracking().ToListAsync()).ToLookup(c => c.PersonId);
            Assert.Contains(planned, i => !ConsentPolicy.StateAt(consents[i.PersonId], i.Modality, TestClock.Start).IsGranted);
            Assert.Contains(planned, i => i.ScheduledAt <= TestClock.Start.AddHours(24) && i.MissingRequired(ChecklistPhase.Before).Any());
        });
    }

    [Fact]
    public async Task Running_it_again_seeds_nothing_more()
    {
        await SeedAsync();
        var first = await CountAsync();
        await SeedAsync();
        Assert.Equal(first, await CountAsync());
    }
}
