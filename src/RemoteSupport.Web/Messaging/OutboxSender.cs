using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Messaging;

/// <summary>
/// Delivers what is due. A pass claims a batch of due rows with <c>FOR UPDATE SKIP LOCKED</c> and, in the same short
/// transaction, decides each one by the domain's rules (send now, wait for an allowed moment, or cancel) and marks
/// the ones to send "sending". Another instance running the same query skips the locked rows and, once committed,
/// no longer sees them as planned: a message is claimed by one instance only. Then each is sent and its outcome saved.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<AppDbContext> contexts, MessageTransports transports, TimeProvider clock,
    IOptions<MessagingOptions> options, ILogger<OutboxSender> logger)
{
    /// <summary>One pass; returns how many due messages it handled (sent, failed, held or cancelled).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value.Sender;
        await using var db = (await contexts.CreateDbContextAsync(ct)).AsSystem();
        await RecoverStuckAsync(db, o.StuckMinutes, ct);

        var now = clock.GetUtcNow();
        List<OutboxMessage> toSend;
        int claimed;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var batch = await db.OutboxMessages
                .FromSqlInterpolated($"""
                    SELECT *, xmin FROM "OutboxMessages"
                    WHERE "Status" = 'Planned' AND "DueAt" <= {now}
                    ORDER BY "DueAt"
                    LIMIT {o.BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .IgnoreQueryFilters()
                .ToListAsync(ct);
            claimed = batch.Count;
            if (batch.Count == 0)
            {
                await tx.CommitAsync(ct);
                return 0;
            }
            toSend = await DecideAsync(db, batch, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        foreach (var message in toSend)
        {
            var result = await transports.SendAsync(message, ct);
            var at = clock.GetUtcNow();
            switch (result)
            {
                case SendResult.Sent s: message.MarkSent(at, s.ProviderReference); break;
                case SendResult.Temporary t: message.Fail(t.Reason, permanent: false, at); break;
                case SendResult.Permanent p: message.Fail(p.Reason, permanent: true, at); break;
            }
            if (message.Purpose == MessagePurpose.Notice && message.Status == MessageStatus.Sent)
                await SaveNoticeSentAsync(db, message, ct);
            else
            {
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException e)
                {
                    // A delivery receipt arrived before the outcome was saved: the receipt already says more. Only that
                    // row is forgotten: clearing the whole tracker would leave the rest of the batch unsaved, then resent.
                    foreach (var entry in e.Entries) entry.State = EntityState.Detached;
                }
            }
            logger.LogInformation("Message {MessageId} ({Channel}) attempt {Attempt}: {Outcome}", message.Id, message.Channel, message.Attempts, result.GetType().Name);
        }
        return claimed;
    }

    private static async Task<List<OutboxMessage>> DecideAsync(AppDbContext db, List<OutboxMessage> batch, DateTimeOffset now, CancellationToken ct)
    {
        var personIds = batch.Select(m => m.PersonId).Distinct().ToArray();
        var departmentIds = batch.Select(m => m.DepartmentId).Distinct().ToArray();
        var interviewIds = batch.Where(m => m.InterviewId != null).Select(m => m.InterviewId!.Value).Distinct().ToArray();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var persons = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var consents = await db.ConsentHistoriesAsync(personIds, ct);
        var interviews = await db.Interviews.AsNoTracking().Where(i => interviewIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Status, i.ScheduledAt }).ToDictionaryAsync(i => i.Id, i => new InterviewState(i.Status, i.ScheduledAt), ct);
        var sessionIds = batch.Where(m => m.GroupSessionId != null).Select(m => m.GroupSessionId!.Value).Distinct().ToArray();
        var sessions = sessionIds.Length == 0 ? [] : await db.GroupSessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Status, s.ScheduledAt }).ToDictionaryAsync(s => s.Id, s => InterviewState.OfGroup(s.Status, s.ScheduledAt), ct);

        var toSend = new List<OutboxMessage>();
        foreach (var message in batch)
        {
            var interview = message.InterviewId is { } id ? interviews.GetValueOrDefault(id)
                : message.GroupSessionId is { } sessionId ? sessions.GetValueOrDefault(sessionId) : null;
            var decision = SendingRules.Decide(message, departments[message.DepartmentId], persons[message.PersonId],
                consents[message.PersonId], interview, now);
            switch (decision)
            {
                case SendDecision.SendNow:
                    message.StartSending(now);
                    toSend.Add(message);
                    break;
                case SendDecision.Wait w:
                    message.WaitUntil(w.Until, w.Reason);
                    break;
                case SendDecision.Cancel c:
                    message.Cancel(c.Reason, now);
                    break;
            }
        }
        return toSend;
    }

    /// <summary>
    /// The information notice counts as given by e-mail once its e-mail has left: the person's record and its journal
    /// line (by the worker who asked) are saved in the same transaction as the sent status. If the file or the message
    /// changed meanwhile (an edit, a receipt), both are read again and the outcome applied again.
    /// </summary>
    private async Task SaveNoticeSentAsync(AppDbContext db, OutboxMessage message, CancellationToken ct)
    {
        var sentAt = message.SentAt!.Value;
        var reference = message.ProviderReference;
        for (var attempt = 1; ; attempt++)
        {
            var person = await db.Persons.FirstAsync(p => p.Id == message.PersonId, ct);
            ActivityLogEntry? given = null;
            try
            {
                person.RecordNoticeSentByEmail(sentAt);
                given = ActivityLogEntry.For(person.DepartmentId, person.Id, message.CreatedById, clock.GetUtcNow(), ActivityKind.NoticeGiven,
                    $"Notice d'information envoyée par courriel le {FrenchTime.FormatDate(sentAt)}.", modality: Modality.Email);
                db.ActivityLog.Add(given);
            }
            catch (DomainRuleException)
            {
                // The file became read-only between the decision and the sending: the e-mail left, the file stays as it is.
                logger.LogWarning("Notice message {MessageId} left but person {PersonId} is read-only: not recorded as given", message.Id, message.PersonId);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Nothing of this save was written: forget its three rows only (the rest of the batch stays tracked), read
                // the message and the person again, and apply the outcome again.
                db.Entry(message).State = EntityState.Detached;
                db.Entry(person).State = EntityState.Detached;
                if (given is not null) db.Entry(given).State = EntityState.Detached;
                message = await db.OutboxMessages.FirstAsync(m => m.Id == message.Id, ct);
                if (message.Status == MessageStatus.Sending) message.MarkSent(sentAt, reference);
            }
        }
    }

    private async Task RecoverStuckAsync(AppDbContext db, int stuckMinutes, CancellationToken ct)
    {
        var before = clock.GetUtcNow().AddMinutes(-stuckMinutes);
        var stuck = await db.OutboxMessages.Where(m => m.Status == MessageStatus.Sending && m.SendingSince < before).Take(100).ToListAsync(ct);
        if (stuck.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var m in stuck) m.RecoverStuck(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.Clear();
    }
}

/// <summary>Runs <see cref="OutboxSender"/> inside the app: again at once while there is more to do, else every few seconds.</summary>
public sealed class OutboxSenderService(OutboxSender sender, IOptions<MessagingOptions> options, ILogger<OutboxSenderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Sender;
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await sender.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogError(e, "The outbox sender's pass failed; it tries again at the next pass");
            }
            if (handled < o.BatchSize)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, o.PollSeconds)), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
