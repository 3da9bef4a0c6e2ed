using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Contacts;

/// <summary>
/// The person page's "Contacts et suites" section: a link to log a contact and the open follow-up actions.
/// Rendered inside Persons/Details, which has already checked access to the file.
/// </summary>
public sealed class FollowUpActionsViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public const int Limit = 50;

    public sealed record Line(Guid Id, string Who, string What, DateOnly DueOn, bool Overdue);

    public sealed record Model(Guid PersonId, IReadOnlyList<Line> Open, int OpenTotal);

    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var today = FrenchTime.Today(clock);
        var open = db.FollowUpActions.AsNoTracking().Where(a => a.PersonId == personId && a.DoneAt == null);
        var total = await open.CountAsync(HttpContext.RequestAborted);
        var lines = await open
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Take(Limit)
            .Select(a => new Line(a.Id, a.Who, a.What, a.DueOn, a.DueOn < today))
            .ToListAsync(HttpContext.RequestAborted);
        return View(new Model(personId, lines, total));
    }
}
