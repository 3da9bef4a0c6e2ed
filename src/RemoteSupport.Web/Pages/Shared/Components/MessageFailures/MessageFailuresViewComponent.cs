using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Shared.Components.MessageFailures;

/// <summary>On the worker's home page: messages to their persons that failed in the last 7 days, to call instead or fix the number.</summary>
public sealed class MessageFailuresViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public sealed record Failure(Guid Id, Guid PersonId, string PersonName, MessagePurpose Purpose, MessageChannel Channel, string? Reason, DateTimeOffset At);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.UserId() is not { } worker) return Content("");
        var since = clock.GetUtcNow() - Window;
        var failures = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == MessageStatus.Failed && m.CreatedAt >= since)
            .Join(db.Persons.Where(p => p.ReferentId == worker), m => m.PersonId, p => p.Id, (m, p) => new { m, p })
            .OrderByDescending(x => x.m.CreatedAt)
            .Take(20)
            .Select(x => new Failure(x.m.Id, x.p.Id, x.p.FirstName + " " + x.p.LastName, x.m.Purpose, x.m.Channel, x.m.StatusReason, x.m.EndedAt ?? x.m.CreatedAt))
            .ToListAsync(HttpContext.RequestAborted);
        return failures.Count == 0 ? Content("") : View(failures);
    }
}
