using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Web.Data;

/// <summary>
/// The one loader of consent histories for <see cref="ConsentPolicy"/>. "Current" is always computed by the policy
/// from the whole history, never stored nor re-written in SQL: these methods only fetch the records, one query
/// whatever the number of persons. Reads go through the department filter like every other query.
/// </summary>
public static class ConsentQueries
{
    /// <summary>One answer with the name of whoever entered it, for the pages that show who recorded what.</summary>
    public sealed record Answer(ConsentRecord Record, string RecordedBy);

    // Compiled once: the person's page runs them on every opening (the department filter still applies).
    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<ConsentRecord>> History = EF.CompileAsyncQuery(
        (AppDbContext db, Guid personId) => db.Consents.AsNoTracking()
            .Where(c => c.PersonId == personId)
            .OrderBy(c => c.DecidedAt).ThenBy(c => c.RecordedAt)
            .AsQueryable());

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Answer>> Answers = EF.CompileAsyncQuery(
        (AppDbContext db, Guid personId) => db.Consents.AsNoTracking()
            .Where(c => c.PersonId == personId)
            .OrderBy(c => c.DecidedAt).ThenBy(c => c.RecordedAt)
            .Select(c => new Answer(c, db.Users.Where(u => u.Id == c.RecordedById).Select(u => u.DisplayName).FirstOrDefault() ?? "")));

    /// <summary>Every answer of one person, oldest first.</summary>
    public static Task<List<ConsentRecord>> ConsentHistoryAsync(this AppDbContext db, Guid personId, CancellationToken ct) =>
        History(db, personId).ToListAsync(ct).AsTask();

    /// <summary>Every answer of one person, oldest first, each with who entered it.</summary>
    public static Task<List<Answer>> ConsentAnswersAsync(this AppDbContext db, Guid personId, CancellationToken ct) =>
        Answers(db, personId).ToListAsync(ct).AsTask();

    /// <summary>Every answer of these persons, grouped by person (persons without any answer are absent).</summary>
    public static async Task<ILookup<Guid, ConsentRecord>> ConsentHistoriesAsync(this AppDbContext db, IEnumerable<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToArray();
        if (ids.Length == 0) return Array.Empty<ConsentRecord>().ToLookup(c => c.PersonId);
        var records = await db.Consents.AsNoTracking().Where(c => ids.Contains(c.PersonId)).ToListAsync(ct);
        return records.ToLookup(c => c.PersonId);
    }

    /// <summary>
    /// Every answer of a department's persons (the priority refresh of a whole department), grouped by person. Only
    /// answers given at or before <paramref name="at"/>: later ones cannot be in force.
    /// </summary>
    public static async Task<ILookup<Guid, ConsentRecord>> DepartmentConsentHistoriesAsync(this AppDbContext db, int departmentId,
        DateTimeOffset at, CancellationToken ct)
    {
        var records = await db.Consents.AsNoTracking().Where(c => c.DepartmentId == departmentId && c.DecidedAt <= at).ToListAsync(ct);
        return records.ToLookup(c => c.PersonId);
    }
}
