using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Shared.Components.PersonConsents;

/// <summary>
/// The consent matrix, the latest answers and the contact preferences, on the person's page. The page has already
/// checked that the user may open this file; the queries still go through the department filter.
/// </summary>
public sealed class PersonConsentsViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public const int LatestCount = 10;

    public sealed record Line(Modality Modality, ConsentDecision Decision, DateTimeOffset DecidedAt, ConsentMethod Method, string RecordedBy);

    public sealed record BlockedInterview(Guid Id, DateTimeOffset ScheduledAt, Modality Modality, string Reason);

    public sealed record Data(AccompaniedPerson Person, IReadOnlyList<ConsentState> Matrix, IReadOnlyList<Line> Latest, int Total,
        IReadOnlyList<BlockedInterview> BlockedInterviews);

    public async Task<IViewComponentResult> InvokeAsync(AccompaniedPerson person)
    {
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        var history = await db.ConsentHistoryAsync(person.Id, ct);
        var latest = history.OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.RecordedAt).Take(LatestCount).ToList();
        var recorderIds = latest.Select(r => r.RecordedById).Distinct().ToList();
        var recorders = await db.Users.AsNoTracking().Where(u => recorderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        // Planned interviews of this person that their consent no longer covers (e.g. after a withdrawal).
        var planned = await db.Interviews.AsNoTracking()
            .Where(i => i.PersonId == person.Id && i.Status == InterviewStatus.Planned && i.ScheduledAt > now)
            .OrderBy(i => i.ScheduledAt)
            .Select(i => new { i.Id, i.ScheduledAt, i.Modality })
            .ToListAsync(ct);
        var blocked = planned
            .Select(i => (Interview: i, Verdict: ConsentPolicy.MayContact(history, i.Modality, i.ScheduledAt)))
            .Where(x => !x.Verdict.Allowed)
            .Select(x => new BlockedInterview(x.Interview.Id, x.Interview.ScheduledAt, x.Interview.Modality, x.Verdict.Reason!))
            .ToList();

        return View(new Data(person, ConsentPolicy.Matrix(history, now),
            latest.Select(r => new Line(r.Modality, r.Decision, r.DecidedAt, r.Method, recorders.GetValueOrDefault(r.RecordedById, ""))).ToList(),
            history.Count, blocked));
    }
}
