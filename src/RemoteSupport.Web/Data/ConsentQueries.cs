using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Web.Data;

/// <summary>One remote contact to check against consent: <see cref="Key"/> identifies it for the caller (e.g. an interview id).</summary>
public sealed record ContactCheck(Guid Key, Guid PersonId, Modality Modality, DateTimeOffset At);

/// <summary>
/// Loading consent histories for <see cref="ConsentPolicy"/>. "Current" is always computed by the policy from the whole
/// history, never stored: these helpers only fetch the records, one query whatever the number of persons.
/// Reads go through the department filter like every other query.
/// </summary>
public static class ConsentQueries
{
    /// <summary>Every answer of one person, oldest first.</summary>
    public static Task<List<ConsentRecord>> ConsentHistoryAsync(this AppDbContext db, Guid personId, CancellationToken ct) =>
        db.Consents.AsNoTracking()
            .Where(c => c.PersonId == personId)
            .OrderBy(c => c.DecidedAt).ThenBy(c => c.RecordedAt)
            .ToListAsync(ct);

    /// <summary>Every answer of these persons, grouped by person (persons without any answer are absent).</summary>
    public static async Task<ILookup<Guid, ConsentRecord>> ConsentHistoriesAsync(this AppDbContext db, IEnumerable<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToArray();
        if (ids.Length == 0) return Array.Empty<ConsentRecord>().ToLookup(c => c.PersonId);
        var records = await db.Consents.AsNoTracking().Where(c => ids.Contains(c.PersonId)).ToListAsync(ct);
        return records.ToLookup(c => c.PersonId);
    }

    /// <summary>The consent matrix of one person at <paramref name="at"/> (usually now).</summary>
    public static async Task<IReadOnlyList<ConsentState>> ConsentMatrixAsync(this AppDbContext db, Guid personId, DateTimeOffset at, CancellationToken ct) =>
        ConsentPolicy.Matrix(await db.ConsentHistoryAsync(personId, ct), at);

    /// <summary>The consent matrix of each of these persons at <paramref name="at"/>, in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ConsentState>>> ConsentMatricesAsync(this AppDbContext db,
        IEnumerable<Guid> personIds, DateTimeOffset at, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToList();
        var histories = await db.ConsentHistoriesAsync(ids, ct);
        return ids.ToDictionary(id => id, id => ConsentPolicy.Matrix(histories[id], at));
    }

    /// <summary>
    /// Asks <see cref="ConsentPolicy.MayContact"/> for many contacts at once (e.g. every planned interview of a worker),
    /// loading the histories of all their persons in one query. The answer is keyed by <see cref="ContactCheck.Key"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, RuleResult>> MayContactManyAsync(this AppDbContext db, IEnumerable<ContactCheck> checks, CancellationToken ct)
    {
        var list = checks.ToList();
        var histories = await db.ConsentHistoriesAsync(list.Select(c => c.PersonId), ct);
        return list.ToDictionary(c => c.Key, c => ConsentPolicy.MayContact(histories[c.PersonId], c.Modality, c.At));
    }
}
