using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Contacts;

/// <summary>
/// The person page's "Contacts et suites" section: a link to log a contact and the open follow-up actions.
/// Read by Persons/Details, which has already checked access to the file.
/// </summary>
public sealed record FollowUpPanel(Guid PersonId, IReadOnlyList<FollowUpPanel.Line> Open, int OpenTotal)
{
    public const int Limit = 50;

    public sealed record Line(Guid Id, string Who, string What, DateOnly DueOn, bool Overdue);

    // Compiled once: the person's page runs it on every opening (the department filter still applies).
    private static readonly Func<AppDbContext, Guid, DateOnly, IAsyncEnumerable<Line>> OpenLines = EF.CompileAsyncQuery(
        (AppDbContext db, Guid personId, DateOnly today) => db.FollowUpActions.AsNoTracking()
            .Where(a => a.PersonId == personId && a.DoneAt == null)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Take(Limit)
            .Select(a => new Line(a.Id, a.Who, a.What, a.DueOn, a.DueOn < today)));

    public static async Task<FollowUpPanel> LoadAsync(AppDbContext db, Guid personId, DateOnly today, CancellationToken ct)
    {
        var lines = await OpenLines(db, personId, today).ToListAsync(ct);
        // A short list is its own count: the count query runs only when the list is cut.
        var total = lines.Count < Limit ? lines.Count : await db.FollowUpActions.CountAsync(a => a.PersonId == personId && a.DoneAt == null, ct);
        return new FollowUpPanel(personId, lines, total);
    }
}
