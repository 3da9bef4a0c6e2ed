using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Shared.Components.MessageFigures;

/// <summary>
/// The team lead's figures on messages for the period: how many by status, and the share of the period's interviews
/// whose SMS reminder left. Shown by TeamLead/Figures, which has checked the scope; the query filter keeps other departments out.
/// </summary>
public sealed class MessageFiguresViewComponent(AppDbContext db) : ViewComponent
{
    public sealed record Data(IReadOnlyList<(MessageStatus Status, int Count)> ByStatus, int Interviews, int WithReminder)
    {
        public double ReminderShare => Interviews == 0 ? 0 : 100.0 * WithReminder / Interviews;
    }

    public async Task<IViewComponentResult> InvokeAsync(int departmentId, int? team, DateOnly from, DateOnly to)
    {
        var ct = HttpContext.RequestAborted;
        var start = FrenchTime.FromLocal(from.ToDateTime(TimeOnly.MinValue));
        var end = FrenchTime.FromLocal(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var messages = db.OutboxMessages.AsNoTracking().Where(m => m.DepartmentId == departmentId && m.CreatedAt >= start && m.CreatedAt < end);
        var interviews = db.Interviews.AsNoTracking().Where(i => i.DepartmentId == departmentId && i.ScheduledAt >= start && i.ScheduledAt < end
            && i.Status != InterviewStatus.Postponed && i.Status != InterviewStatus.Cancelled);
        if (team is { } t)
        {
            // A team's figures: the messages to its workers' persons, the interviews its workers held (as the other figures).
            messages = messages.Where(m => db.Persons.Any(p => p.Id == m.PersonId && db.Users.Any(u => u.Id == p.ReferentId && u.TeamId == t)));
            interviews = interviews.Where(i => db.Users.Any(u => u.Id == i.WorkerId && u.TeamId == t));
        }
        var byStatus = (await messages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => x.Count);
        var counts = await interviews.GroupBy(_ => 1).Select(g => new
        {
            Total = g.Count(),
            WithReminder = g.Count(i => db.OutboxMessages.Any(m => m.InterviewId == i.Id && m.Purpose == MessagePurpose.Reminder
                && (m.Status == MessageStatus.Sent || m.Status == MessageStatus.Delivered))),
        }).ToListAsync(ct);
        var c = counts.SingleOrDefault();
        return View(new Data(Enum.GetValues<MessageStatus>().Select(s => (s, byStatus.GetValueOrDefault(s))).ToList(), c?.Total ?? 0, c?.WithReminder ?? 0));
    }
}
