using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Shared.Components.NoticeAlerts;

/// <summary>On the worker's home page: their followed persons who have not yet received the information notice.</summary>
public sealed class NoticeAlertsViewComponent(AppDbContext db) : ViewComponent
{
    public const int Limit = 20;

    /// <summary>A person, and where their last notice e-mail stands (null: none asked).</summary>
    public sealed record Row(Guid Id, string Name, MessageStatus? NoticeEmail);
    public sealed record Data(IReadOnlyList<Row> Persons, int Total);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.UserId() is not { } worker) return Content("");
        var ct = HttpContext.RequestAborted;
        var query = db.Persons.AsNoTracking()
            .Where(p => p.ReferentId == worker && p.Status == PersonStatus.Active && p.NoticeGivenAt == null && p.AnonymisedAt == null);
        var rows = await query.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(Limit)
            .Select(p => new Row(p.Id, p.FirstName + " " + p.LastName,
                db.OutboxMessages.Where(m => m.PersonId == p.Id && m.Purpose == MessagePurpose.Notice)
                    .OrderByDescending(m => m.CreatedAt).Select(m => (MessageStatus?)m.Status).FirstOrDefault()))
            .ToListAsync(ct);
        var total = rows.Count < Limit ? rows.Count : await query.CountAsync(ct);
        return View(new Data(rows, total));
    }
}
