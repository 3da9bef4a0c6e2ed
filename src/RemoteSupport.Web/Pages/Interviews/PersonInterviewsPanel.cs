using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>
/// The interviews of one person, on their file. Read by Persons/Details, which has already checked the user may open
/// it; the query filter keeps other departments out.
/// </summary>
public sealed record PersonInterviewsPanel(Guid PersonId, bool CanSchedule, IReadOnlyList<InterviewLine> Upcoming, IReadOnlyList<InterviewLine> Past, int PastTotal)
{
    public const int PastLimit = 20;

    // One round trip, compiled once: every open interview (upcoming: whatever its date, an overdue planned interview
    // must not vanish into the past) and the most recent closed ones, as a UNION ALL; sorted below.
    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<InterviewLine>> Lines = EF.CompileAsyncQuery(
        (AppDbContext db, Guid personId) => db.Interviews.AsNoTracking()
            .Where(i => i.PersonId == personId && (i.Status == InterviewStatus.Planned || i.Status == InterviewStatus.InProgress))
            .Concat(db.Interviews.AsNoTracking()
                .Where(i => i.PersonId == personId && i.Status != InterviewStatus.Planned && i.Status != InterviewStatus.InProgress)
                .OrderByDescending(i => i.ScheduledAt).Take(PastLimit))
            .Select(i => new InterviewLine(i.Id, i.ScheduledAt, i.DurationMinutes, i.Modality, i.Status, "",
                db.Users.Where(u => u.Id == i.WorkerId).Select(u => u.DisplayName).FirstOrDefault() ?? "")));

    public static async Task<PersonInterviewsPanel> LoadAsync(AppDbContext db, Guid personId, bool canSchedule, CancellationToken ct)
    {
        var lines = await Lines(db, personId).ToListAsync(ct);
        var upcoming = lines.Where(i => i.Status.IsOpen()).OrderBy(i => i.ScheduledAt).ThenBy(i => i.Id).ToList();
        var past = lines.Where(i => !i.Status.IsOpen()).OrderByDescending(i => i.ScheduledAt).ThenByDescending(i => i.Id).ToList();
        // A short history is its own count: the count query runs only when the list is cut.
        var pastTotal = past.Count < PastLimit ? past.Count
            : await db.Interviews.CountAsync(i => i.PersonId == personId && i.Status != InterviewStatus.Planned && i.Status != InterviewStatus.InProgress, ct);
        return new PersonInterviewsPanel(personId, canSchedule, upcoming, past, pastTotal);
    }
}
