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
