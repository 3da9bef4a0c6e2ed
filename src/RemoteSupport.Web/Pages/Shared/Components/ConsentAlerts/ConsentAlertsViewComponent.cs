using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Shared.Components.ConsentAlerts;

/// <summary>
/// On the worker's home page: their persons who recently withdrew a consent that is still withdrawn, and their
/// planned interviews whose modality has no grant in force. A withdrawal shows here from the moment it is recorded.
/// </summary>
public sealed class ConsentAlertsViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public static readonly TimeSpan RecentWithdrawal = TimeSpan.FromDays(30);

    public sealed record Withdrawal(Guid PersonId, string PersonName, Modality Modality, DateTimeOffset Since);

    public sealed record BlockedInterview(Guid Id, Guid PersonId, string PersonName, DateTimeOffset ScheduledAt, Modality Modality, string Reason);

    public sealed record Data(IReadOnlyList<Withdrawal> Withdrawals, IReadOnlyList<BlockedInterview> Interviews);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var userId = UserClaimsPrincipal.UserId();
        if (userId is not { } worker) return Content("");
        var now = clock.GetUtcNow();
        var since = now - RecentWithdrawal;

        // Persons of this worker with a withdrawal in the window; whether it is still in force is the policy's call below.
        var candidates = await db.Consents.AsNoTracking()
            .Where(c => c.Decision == ConsentDecision.Withdrawn && c.DecidedAt >= since && c.DecidedAt <= now)
            .Join(db.Persons.Where(p => p.ReferentId == worker && p.Status == PersonStatus.Active), c => c.PersonId, p => p.Id,
                (c, p) => new { p.Id, Name = p.FirstName + " " + p.LastName })
            .Distinct()
            .ToListAsync(ct);

        var planned = await db.Interviews.AsNoTracking()
            .Where(i => i.WorkerId == worker && i.Status == InterviewStatus.Planned && i.ScheduledAt > now)
            .Join(db.Persons, i => i.PersonId, p => p.Id, (i, p) => new { i.Id, i.PersonId, Name = p.FirstName + " " + p.LastName, i.ScheduledAt, i.Modality })
            .ToListAsync(ct);

        // One query for every history involved, then the same rule as everywhere else.
        var histories = await db.ConsentHistoriesAsync(candidates.Select(c => c.Id).Concat(planned.Select(i => i.PersonId)), ct);

        var withdrawals = candidates
            .SelectMany(c => ConsentPolicy.Matrix(histories[c.Id], now)
                .Where(s => s.Decision == ConsentDecision.Withdrawn && s.Since >= since)
                .Select(s => new Withdrawal(c.Id, c.Name, s.Modality, s.Since!.Value)))
            .OrderByDescending(w => w.Since).ThenBy(w => w.PersonName)
            .ToList();

        var blocked = planned
            .Select(i => (Interview: i, Verdict: ConsentPolicy.MayContact(histories[i.PersonId], i.Modality, i.ScheduledAt)))
            .Where(x => !x.Verdict.Allowed)
            .OrderBy(x => x.Interview.ScheduledAt)
            .Select(x => new BlockedInterview(x.Interview.Id, x.Interview.PersonId, x.Interview.Name, x.Interview.ScheduledAt, x.Interview.Modality, x.Verdict.Reason!))
            .ToList();

        return View(new Data(withdrawals, blocked));
    }
}
