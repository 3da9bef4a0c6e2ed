using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>
/// The person page's « Séances de groupe » section: the sessions the person joined or waits for, with their place and
/// attendance, never the other participants. Rendered inside Persons/Details, which has checked access.
/// </summary>
public sealed record PersonGroupsPanel(Guid PersonId, IReadOnlyList<PersonGroupsPanel.Line> Lines)
{
    public const int Limit = 50;

    public sealed record Line(Guid SessionId, string Theme, DateTimeOffset ScheduledAt, GroupSessionStatus SessionStatus, ParticipantStatus Status,
        Attendance? Attendance);

    public static async Task<PersonGroupsPanel> LoadAsync(AppDbContext db, Guid personId, CancellationToken ct)
    {
        var lines = await db.GroupParticipants.AsNoTracking().Where(p => p.PersonId == personId)
            .Join(db.GroupSessions, p => p.SessionId, s => s.Id, (p, s) => new { p, s })
            .OrderByDescending(x => x.s.ScheduledAt).Take(Limit)
            .Select(x => new Line(x.s.Id, x.s.Theme, x.s.ScheduledAt, x.s.Status, x.p.Status, x.p.Attendance))
            .ToListAsync(ct);
        return new PersonGroupsPanel(personId, lines);
    }
}
