using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

public sealed record InterviewLine(Guid Id, DateTimeOffset ScheduledAt, int DurationMinutes, Modality Modality, InterviewStatus Status,
    string PersonName, string WorkerName);

/// <summary>
/// The interviews of one person, on their file. The file page has already checked the user may open it; the query
/// filter keeps other departments out.
/// </summary>
public sealed class PersonInterviewsViewComponent(AppDbContext db) : ViewComponent
{
    public const int PastLimit = 20;

    public sealed record Model(Guid PersonId, bool CanSchedule, IReadOnlyList<InterviewLine> Upcoming, IReadOnlyList<InterviewLine> Past, int PastTotal);

    public async Task<IViewComponentResult> InvokeAsync(Guid personId, bool canSchedule)
    {
        var ct = HttpContext.RequestAborted;
        var interviews = db.Interviews.AsNoTracking().Where(i => i.PersonId == personId);
        // Upcoming: anything still open, whatever its date (an overdue planned interview must not vanish into the past).
        var open = interviews.Where(i => i.Status == InterviewStatus.Planned || i.Status == InterviewStatus.InProgress);
        var closed = interviews.Where(i => i.Status != InterviewStatus.Planned && i.Status != InterviewStatus.InProgress);
        var upcoming = await Lines(open.OrderBy(i => i.ScheduledAt)).ToListAsync(ct);
        var pastTotal = await closed.CountAsync(ct);
        var past = await Lines(closed.OrderByDescending(i => i.ScheduledAt).Take(PastLimit)).ToListAsync(ct);
        return View(new Model(personId, canSchedule, upcoming, past, pastTotal));
    }

    private IQueryable<InterviewLine> Lines(IQueryable<Interview> query) =>
        query.Select(i => new InterviewLine(i.Id, i.ScheduledAt, i.DurationMinutes, i.Modality, i.Status, "",
            db.Users.Where(u => u.Id == i.WorkerId).Select(u => u.DisplayName).FirstOrDefault() ?? ""));
}

/// <summary>Today's interviews of the signed-in worker, on the home page (Europe/Paris day).</summary>
public sealed class TodayInterviewsViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = UserClaimsPrincipal.UserId();
        var today = FrenchTime.Today(clock);
        var from = FrenchTime.FromLocal(today.ToDateTime(TimeOnly.MinValue));
        var until = FrenchTime.FromLocal(today.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var lines = await db.Interviews.AsNoTracking()
            .Where(i => i.WorkerId == userId && i.ScheduledAt >= from && i.ScheduledAt < until)
            .OrderBy(i => i.ScheduledAt)
            .Select(i => new InterviewLine(i.Id, i.ScheduledAt, i.DurationMinutes, i.Modality, i.Status,
                db.Persons.Where(p => p.Id == i.PersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "", ""))
            .ToListAsync(HttpContext.RequestAborted);
        return View(lines);
    }
}
