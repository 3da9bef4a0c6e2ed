using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Pages.Messages;

namespace RemoteSupport.Web.Pages.Shared.Components.NoticeSending;

/// <summary>
/// Where the notice e-mail of a person stands, on the person's page and the notice page: waiting to leave (and why),
/// or failed or cancelled while the notice is still not given. Nothing once it has left. The including page has
/// checked access to the person.
/// </summary>
public sealed class NoticeSendingViewComponent(AppDbContext db) : ViewComponent
{
    public sealed record Data(MessageLine Message, bool Pending)
    {
        /// <summary>What is shown of the person's latest notice e-mail (<paramref name="last"/>): nothing once it has left.</summary>
        public static Data? Of(MessageLine? last, DateTimeOffset? givenAt)
        {
            if (last is null) return null;
            var state = NoticeEmail.StateOf(last.Status, last.CreatedAt, givenAt);
            return state == NoticeEmailState.Settled ? null : new Data(last, state == NoticeEmailState.Waiting);
        }
    }

    /// <summary>The path of the state's view, for the person's page, which reads the latest notice e-mail itself.</summary>
    public const string ViewPath = "/Pages/Shared/Components/NoticeSending/Default.cshtml";

    public async Task<IViewComponentResult> InvokeAsync(Guid personId, DateTimeOffset? givenAt)
    {
        var last = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.PersonId == personId && m.Purpose == MessagePurpose.Notice)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new MessageLine(m.Id, m.Purpose, m.Channel, m.Status, m.StatusReason, m.DueAt, m.SentAt, m.DeliveredAt, m.CreatedAt, m.Attempts))
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        return Data.Of(last, givenAt) is { } shown ? View(shown) : Content("");
    }
}
