using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Consents;

/// <summary>
/// The consent matrix, the latest answers and the contact preferences, on the person's page (Persons/Details, which
/// has already checked that the user may open the file; the query still goes through the department filter).
/// One query: every answer of the person with the name of whoever recorded it. "Current" is computed by
/// <see cref="ConsentPolicy"/> from that history, never stored.
/// </summary>
public sealed record ConsentPanel(
    AccompaniedPerson Person,
    IReadOnlyList<ConsentState> Matrix,
    IReadOnlyList<ConsentPanel.Line> Latest,
    int Total,
    IReadOnlyList<ConsentPanel.BlockedInterview> BlockedInterviews)
{
    public const int LatestCount = 10;

    public sealed record Line(Modality Modality, ConsentDecision Decision, DateTimeOffset DecidedAt, ConsentMethod Method, string RecordedBy);

    /// <summary>A planned interview, to be checked against the consent in force at its date.</summary>
    public sealed record PlannedInterview(Guid Id, DateTimeOffset ScheduledAt, Modality Modality);

    public sealed record BlockedInterview(Guid Id, DateTimeOffset ScheduledAt, Modality Modality, string Reason);

    /// <param name="planned">The person's planned interviews (already read for the interviews panel): those their
    /// consent no longer covers, e.g. after a withdrawal, are listed as a warning.</param>
    public static async Task<ConsentPanel> LoadAsync(AppDbContext db, AccompaniedPerson person, IEnumerable<PlannedInterview> planned,
        DateTimeOffset now, CancellationToken ct)
    {
        var answers = await db.ConsentAnswersAsync(person.Id, ct);
        var history = answers.Select(a => a.Record).ToList();
        var latest = answers
            .OrderByDescending(a => a.Record.DecidedAt).ThenByDescending(a => a.Record.RecordedAt)
            .Take(LatestCount)
            .Select(a => new Line(a.Record.Modality, a.Record.Decision, a.Record.DecidedAt, a.Record.Method, a.RecordedBy))
            .ToList();
        var blocked = planned
            .Where(i => i.ScheduledAt > now)
            .OrderBy(i => i.ScheduledAt)
            .Select(i => (Interview: i, Verdict: ConsentPolicy.MayContact(history, i.Modality, i.ScheduledAt)))
            .Where(x => !x.Verdict.Allowed)
            .Select(x => new BlockedInterview(x.Interview.Id, x.Interview.ScheduledAt, x.Interview.Modality, x.Verdict.Reason!))
            .ToList();
        return new ConsentPanel(person, ConsentPolicy.Matrix(history, now), latest, history.Count, blocked);
    }
}
