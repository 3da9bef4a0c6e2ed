using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Retention;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Infrastructure.Jobs;

namespace RemoteSupport.Web.Data.Retention;

/// <summary>
/// The nightly retention work (issue 14, ADR-0023), in one class: for each department, anonymises the persons past the
/// active period after their last contact (unless held for a legal obligation, or restricted) and purges the access
/// journal older than the department's setting. Safe with several instances: a session-level PostgreSQL advisory lock
/// lets one run at a time; another instance finding it taken does nothing. Also the `retention` operator command.
/// </summary>
public sealed class RetentionJob(AppDbContext db, TimeProvider clock, ILogger<RetentionJob> log)
{
    /// <summary>The advisory lock of the job (one per installation).</summary>
    public const long LockKey = 0x5245_5445_4E54; // "RETENT"

    public sealed record DepartmentReport(int DepartmentId, string Code, IReadOnlyList<Guid> Due, int Anonymised, int AccessRowsPurged);

    public sealed record Report(bool Applied, bool Skipped, IReadOnlyList<DepartmentReport> Departments);

    /// <param name="apply">False: say what would be done, change nothing (--dry-run).</param>
    public async Task<Report> RunAsync(bool apply, CancellationToken ct)
    {
        db.AsSystem();
        var now = clock.GetUtcNow();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (!await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({LockKey})", ct))
            {
                log.LogInformation("Retention: another instance holds the lock; nothing done.");
                return new Report(apply, true, []);
            }
            try
            {
                var reports = new List<DepartmentReport>();
                var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id)
                    .Select(d => new { d.Id, d.Code, d.ActivePeriodMonths, d.AccessJournalMonths }).ToListAsync(ct);
                foreach (var d in departments)
                {
                    var due = await DueAsync(d.Id, RetentionPolicy.DueIfLastActivityAtOrBefore(now, d.ActivePeriodMonths), ct);
                    var accessCutoff = now.AddMonths(-d.AccessJournalMonths);
                    var anonymised = 0;
                    int purged;
                    if (apply)
                    {
                        foreach (var personId in due)
                        {
                            if (await AnonymiseAsync(personId, now, ct)) anonymised++;
                        }
                        purged = await db.PersonAccesses.Where(a => a.DepartmentId == d.Id && a.At < accessCutoff).ExecuteDeleteAsync(ct);
                    }
                    else
                    {
                        purged = await db.PersonAccesses.CountAsync(a => a.DepartmentId == d.Id && a.At < accessCutoff, ct);
                    }
                    log.LogInformation("Retention ({Mode}): department {DepartmentId}: {Due} due, {Anonymised} anonymised, {Purged} access rows older than {Months} months",
                        apply ? "apply" : "dry-run", d.Id, due.Count, anonymised, purged, d.AccessJournalMonths);
                    reports.Add(new DepartmentReport(d.Id, d.Code, due, anonymised, purged));
                }
                return new Report(apply, false, reports);
            }
            finally
            {
                await ScalarAsync<bool>(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Persons of the department whose last activity is at or before <paramref name="cutoff"/> (same rule as <see cref="RetentionPolicy.IsDue"/>).</summary>
    public Task<List<Guid>> DueAsync(int departmentId, DateTimeOffset cutoff, CancellationToken ct) =>
        db.Persons.AsNoTracking()
            .Where(p => p.DepartmentId == departmentId && p.AnonymisedAt == null && p.RetentionHeldAt == null && !p.ProcessingRestricted
                        && p.CreatedAt <= cutoff && (p.LastContactAt == null || p.LastContactAt <= cutoff) && (p.ClosedAt == null || p.ClosedAt <= cutoff))
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .ToListAsync(ct);

    /// <summary>
    /// Wipes one person's identifying fields and every free text about them, in one transaction; keeps the facts (dates,
    /// statuses, modalities, decisions, journal kinds) so the figures stay right. Returns false if the person no longer
    /// qualifies (contacted, held or restricted since the list was read).
    /// </summary>
    public async Task<bool> AnonymiseAsync(Guid personId, DateTimeOffset now, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            // The row is locked: a contact logged meanwhile waits, and is seen by the check below if it came first.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"AccompaniedPersons\" WHERE \"Id\" = {personId} FOR UPDATE", token);
            var person = await db.Persons.FirstAsync(p => p.Id == personId, token);
            var department = await db.Departments.AsNoTracking().Where(d => d.Id == person.DepartmentId).Select(d => d.ActivePeriodMonths).FirstAsync(token);
            if (!RetentionPolicy.IsDue(person, department, now)) return false;

            person.Anonymise(now);
            var interviews = db.Interviews.Where(i => i.PersonId == personId);
            await db.Consents.Where(c => c.PersonId == personId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Comment, (string?)null), token);
            await db.InterviewParticipants.Where(x => interviews.Any(i => i.Id == x.InterviewId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, ""), token);
            await db.FallbackSwitches.Where(x => interviews.Any(i => i.Id == x.InterviewId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reason, ""), token);
            await interviews.ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Objectives, "")
                .SetProperty(i => i.FallbackPhone, (string?)null)
                .SetProperty(i => i.Summary, (string?)null)
                .SetProperty(i => i.PrivateNote, (string?)null)
                .SetProperty(i => i.FaceToFaceTopics, (string?)null)
                .SetProperty(i => i.IncompleteChecklistJustification, (string?)null)
                .SetProperty(i => i.StatusComment, (string?)null), token);
            await db.FollowUpActions.Where(a => a.PersonId == personId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Who, "").SetProperty(a => a.What, ""), token);
            // Messages keep their purpose, channel, status and times (the message figures); their address and texts go
            // (an invitation, a notice e-mail carry the person's name and address).
            await db.OutboxMessages.Where(m => m.PersonId == personId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Recipient, "")
                .SetProperty(m => m.Subject, (string?)null)
                .SetProperty(m => m.Body, "")
                .SetProperty(m => m.HtmlBody, (string?)null)
                .SetProperty(m => m.Calendar, (string?)null)
                .SetProperty(m => m.StatusReason, (string?)null), token);
            // The journal keeps each entry's kind, time and author (figures); its text goes. The chain holds through the
            // description's digest, sealed when the entry was written (ADR-0023).
            await db.ActivityLog.Where(a => a.PersonId == personId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Description, "").SetProperty(a => a.Redacted, true), token);
            // Written by the system, not by a user: no actor (Guid.Empty), and a text that says nothing about the person.
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, personId, Guid.Empty, now, ActivityKind.PersonAnonymised,
                "Dossier anonymisé automatiquement : durée de conservation écoulée."));
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            db.ChangeTracker.Clear();
            return true;
        }, ct);
    }

    private static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>
/// The nightly retention on the shared job runner (ADR-0021): due once a day, from 02:30 Paris time, run by one instance
/// under the runner's lock and recorded in <c>JobRuns</c> (also <c>run-job retention</c>). <see cref="RetentionJob"/>
/// keeps its own lock, shared with the <c>retention</c> command an operator may run at the same moment. Registered
/// unless <c>Retention:Nightly</c> is false.
/// </summary>
public sealed class RetentionNightlyJob : BackgroundJob
{
    public const string JobName = "retention";

    /// <summary>The earliest time of day (Europe/Paris) the night's run may start: after the priority refresh, before the day's work.</summary>
    public static readonly TimeOnly From = new(2, 30);

    public override string Name => JobName;

    public override bool IsDue(DateTimeOffset? lastSucceededAt, DateTimeOffset now) =>
        TimeOnly.FromDateTime(FrenchTime.ToLocal(now)) >= From && JobSchedule.DailyInFrance(lastSucceededAt, now);

    public override async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var report = await services.GetRequiredService<RetentionJob>().RunAsync(apply: true, ct);
        // The `retention` command holds the lock: nothing was done, so the run is not a success; the next offer tries again.
        if (report.Skipped) throw new InvalidOperationException("The retention lock is held by another run (the retention command); nothing done.");
        return $"{report.Departments.Count} departments, {report.Departments.Sum(d => d.Anonymised)} anonymised, "
            + $"{report.Departments.Sum(d => d.AccessRowsPurged)} access rows purged";
    }
}
