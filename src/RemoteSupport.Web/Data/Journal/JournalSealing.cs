using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;

namespace RemoteSupport.Web.Data.Journal;

/// <summary>
/// Seals the journal entries a save adds (ADR-0023). Appends to a department's chain are serialized by a transaction-level
/// advisory lock per department: the second writer waits, then reads the tail the first one committed. A unique index on
/// (DepartmentId, ChainSeq) would refuse a fork even if the lock were bypassed.
/// </summary>
public static class JournalSealing
{
    /// <summary>The first key of the two-key advisory locks of the journal chains (the second is the department).</summary>
    public const int ChainLockSpace = 0x4A524E4C; // "JRNL"

    public static bool HasNewEntries(AppDbContext db) =>
        db.ChangeTracker.Entries<ActivityLogEntry>().Any(e => e.State == EntityState.Added);

    /// <summary>Saves with the new entries sealed, inside the caller's transaction or one of its own.</summary>
    public static async Task<int> SaveSealedAsync(AppDbContext db, Func<bool, CancellationToken, Task<int>> save, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await SealAsync(db, ct);
            return await save(acceptAllChangesOnSuccess, ct);
        }
        var strategy = db.Database.CreateExecutionStrategy();
        var saved = await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await SealAsync(db, token);
            var count = await save(false, token);
            await transaction.CommitAsync(token);
            return count;
        }, ct);
        if (acceptAllChangesOnSuccess) db.ChangeTracker.AcceptAllChanges();
        return saved;
    }

    private static async Task SealAsync(AppDbContext db, CancellationToken ct)
    {
        var byDepartment = db.ChangeTracker.Entries<ActivityLogEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .GroupBy(e => e.DepartmentId)
            .OrderBy(g => g.Key); // always the same order: two saves spanning departments cannot deadlock
        foreach (var department in byDepartment)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockSpace}, {department.Key})", ct);
            // The chain's tail is system knowledge (a number and a hash), read whatever the user's departments.
            var tail = await db.ActivityLog.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.DepartmentId == department.Key && a.ChainSeq != null)
                .OrderByDescending(a => a.ChainSeq)
                .Select(a => new { Seq = a.ChainSeq!.Value, a.Hash })
                .FirstOrDefaultAsync(ct);
            long seq = tail?.Seq ?? 0;
            var previous = tail?.Hash;
            foreach (var entry in department)
            {
                JournalChain.Seal(entry, seq, previous);
                seq = entry.ChainSeq!.Value;
                previous = entry.Hash;
            }
        }
    }
}

/// <summary>Whether each department's chain is intact, and where it breaks (the admin page and `verify-journal`).</summary>
public static class JournalVerification
{
    public sealed record Result(int DepartmentId, string Code, string Name, long Entries, JournalChain.Break? Break)
    {
        public bool Intact => Break is null;
    }

    public static async Task<IReadOnlyList<Result>> VerifyAsync(AppDbContext db, IEnumerable<int> departmentIds, CancellationToken ct)
    {
        var results = new List<Result>();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).OrderBy(d => d.Code)
            .Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct);
        foreach (var d in departments)
        {
            var anonymised = (await db.Persons.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.DepartmentId == d.Id && p.AnonymisedAt != null).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            long count = 0;
            JournalChain.Break? found = null;
            var walker = new JournalChain.Walker(anonymised.Contains);
            // Streamed in chain order (unsealed rows last): a department's whole journal never sits in memory.
            await foreach (var entry in db.ActivityLog.IgnoreQueryFilters().AsNoTracking()
                               .Where(a => a.DepartmentId == d.Id)
                               .OrderBy(a => a.ChainSeq == null).ThenBy(a => a.ChainSeq).ThenBy(a => a.Id)
                               .AsAsyncEnumerable().WithCancellation(ct))
            {
                count++;
                found ??= walker.Next(entry);
            }
            results.Add(new Result(d.Id, d.Code, d.Name, count, found));
        }
        return results;
    }
}
