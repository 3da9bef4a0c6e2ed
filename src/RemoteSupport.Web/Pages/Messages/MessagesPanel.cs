using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Messages;

public sealed record MessageLine(Guid Id, MessagePurpose Purpose, MessageChannel Channel, MessageStatus Status, string? Reason,
    DateTimeOffset DueAt, DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt, int Attempts)
{
    /// <summary>The status as the worker reads it: « prévu le … », « envoyé », « remis », « échec : numéro invalide ».</summary>
    public string StatusText => Status switch
    {
        MessageStatus.Planned => $"prévu le {FrenchTime.Format(DueAt)}" + (Reason is null ? "" : $" — {Reason}"),
        MessageStatus.Sending => "en cours d'envoi",
        MessageStatus.Sent => $"envoyé le {FrenchTime.Format(SentAt)}",
        MessageStatus.Delivered => $"remis le {FrenchTime.Format(DeliveredAt)}",
        MessageStatus.Failed => $"échec : {Reason}",
        MessageStatus.Cancelled => $"annulé : {Reason}",
    };

    public string Tag => Status switch
    {
        MessageStatus.Delivered or MessageStatus.Sent => "tag ok",
        MessageStatus.Failed => "tag danger",
        MessageStatus.Cancelled => "tag warn",
        _ => "tag",
    };
}

/// <summary>
/// The messages panel of a person's or an interview's page. The page including it has checked access. On the person's
/// page it also carries the person's latest notice e-mail (for the rights panel), read by the same statement.
/// </summary>
public sealed record MessagesPanel(Guid PersonId, Guid? InterviewId, bool CanRemind, IReadOnlyList<MessageLine> Lines,
    MessageLine? LatestNotice = null)
{
    public const int Limit = 30;

    // The person's page reads it on every opening: compiled once, one statement on the page's connection (the department
    // is said, so the (DepartmentId, PersonId, CreatedAt) index serves it; the department filter still applies). The
    // latest notice e-mail comes in the same statement (UNION ALL), for when it is older than the panel's lines.
    private static readonly Func<AppDbContext, int, Guid, IAsyncEnumerable<MessageLine>> PersonLines = EF.CompileAsyncQuery(
        (AppDbContext db, int departmentId, Guid personId) => db.OutboxMessages.AsNoTracking()
            .Where(m => m.DepartmentId == departmentId && m.PersonId == personId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(Limit)
            .Concat(db.OutboxMessages.AsNoTracking()
                .Where(m => m.DepartmentId == departmentId && m.PersonId == personId && m.Purpose == MessagePurpose.Notice)
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                .Take(1))
            .Select(m => new MessageLine(m.Id, m.Purpose, m.Channel, m.Status, m.StatusReason, m.DueAt, m.SentAt, m.DeliveredAt, m.CreatedAt, m.Attempts)));

    /// <summary>
    /// The panel of a person's page (Persons/Details, which has checked access): their latest messages, and their latest
    /// notice e-mail. PostgreSQL's and .NET's orders of uuids agree, so the lines sort as the statement sorted them.
    /// </summary>
    public static async Task<MessagesPanel> LoadForPersonAsync(AppDbContext db, int departmentId, Guid personId, CancellationToken ct)
    {
        var rows = (await PersonLines(db, departmentId, personId).ToListAsync(ct))
            .DistinctBy(m => m.Id)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .ToList();
        var notice = rows.FirstOrDefault(m => m.Purpose == MessagePurpose.Notice);
        return new(personId, null, false, rows.Take(Limit).ToList(), notice);
    }
}

public sealed class MessagesViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid personId, Guid? interviewId = null)
    {
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.PersonId == personId);
        if (interviewId is { } iid) query = query.Where(m => m.InterviewId == iid);
        var lines = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(MessagesPanel.Limit)
            .Select(m => new MessageLine(m.Id, m.Purpose, m.Channel, m.Status, m.StatusReason, m.DueAt, m.SentAt, m.DeliveredAt, m.CreatedAt, m.Attempts))
            .ToListAsync(HttpContext.RequestAborted);
        var canRemind = false;
        if (interviewId is { } id)
        {
            var interview = await db.Interviews.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Status, i.ScheduledAt })
                .FirstOrDefaultAsync(HttpContext.RequestAborted);
            canRemind = interview is not null && SendingRules.MayRemindNow(interview.Status, interview.ScheduledAt, clock.GetUtcNow()).Allowed;
        }
        return View(new MessagesPanel(personId, interviewId, canRemind, lines));
    }
}
