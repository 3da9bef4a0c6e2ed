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

    /// <summary>One follow-up action as the person's page reads it, for this panel and the orientations panel.</summary>
    public sealed record ActionRow(Guid Id, string Who, string What, DateOnly DueOn, DateTimeOffset? DoneAt, Guid? ResourceId,
        string? Resource, bool ResourceActive);

    // One round trip, compiled once, for two panels: the open actions (this panel) and the latest actions naming a
    // resource (the orientations panel, done or not), as a UNION ALL; split and sorted below. The department is said,
    // so the (DepartmentId, PersonId, …) indexes serve both halves (the department filter still applies).
    private static readonly Func<AppDbContext, int, Guid, IAsyncEnumerable<ActionRow>> Rows = EF.CompileAsyncQuery(
        (AppDbContext db, int departmentId, Guid personId) => db.FollowUpActions.AsNoTracking()
            .Where(a => a.DepartmentId == departmentId && a.PersonId == personId && a.DoneAt == null)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Take(Limit)
            .Concat(db.FollowUpActions.AsNoTracking()
                .Where(a => a.DepartmentId == departmentId && a.PersonId == personId && a.ResourceId != null)
                .OrderByDescending(a => a.DueOn).ThenByDescending(a => a.Id)
                .Take(Directory.OrientationPanel.Limit))
            .Select(a => new ActionRow(a.Id, a.Who, a.What, a.DueOn, a.DoneAt, a.ResourceId,
                db.Resources.Where(r => r.Id == a.ResourceId).Select(r => r.Name).FirstOrDefault(),
                db.Resources.Where(r => r.Id == a.ResourceId).Select(r => r.IsActive).FirstOrDefault())));

    /// <summary>This panel and the orientation lines, from one statement (its count only when the open list is cut).</summary>
    public static async Task<(FollowUpPanel Panel, IReadOnlyList<Directory.OrientationPanel.Line> Orientations)> LoadAsync(
        AppDbContext db, int departmentId, Guid personId, DateOnly today, CancellationToken ct)
    {
        // An open action naming a resource can come in both halves: once is enough.
        var rows = (await Rows(db, departmentId, personId).ToListAsync(ct)).DistinctBy(r => r.Id).ToList();
        var open = rows.Where(r => r.DoneAt is null).OrderBy(r => r.DueOn).ThenBy(r => r.Id).ToList();
        // A short list is its own count: the count query runs only when the list is cut.
        var total = open.Count < Limit ? open.Count
            : await db.FollowUpActions.CountAsync(a => a.DepartmentId == departmentId && a.PersonId == personId && a.DoneAt == null, ct);
        var lines = open.Take(Limit).Select(r => new Line(r.Id, r.Who, r.What, r.DueOn, r.DueOn < today)).ToList();
        var orientations = rows
            .Where(r => r.ResourceId is not null && r.Resource is not null)
            .OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id)
            .Take(Directory.OrientationPanel.Limit)
            .Select(r => new Directory.OrientationPanel.Line(r.Id, r.ResourceId!.Value, r.Resource!, r.ResourceActive, r.What, r.DueOn, r.DoneAt))
            .ToList();
        return (new FollowUpPanel(personId, lines, total), orientations);
    }
}
