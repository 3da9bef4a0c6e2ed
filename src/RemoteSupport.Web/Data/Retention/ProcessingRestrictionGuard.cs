using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Priorities;

namespace RemoteSupport.Web.Data.Retention;

/// <summary>
/// The one place that makes a restricted (limitation du traitement) or anonymised file read-only, whatever page writes:
/// before a save, any added, changed or deleted record of such a person is refused. What stays allowed: lifting the
/// restriction, anonymising, and the evidence that records reads and exports (journal, access trail, audit).
/// Priority rows are derived from the file, not part of it.
/// </summary>
public static class ProcessingRestrictionGuard
{
    public static async Task CheckAsync(AppDbContext db, CancellationToken ct)
    {
        var personIds = new HashSet<Guid>();
        var interviewIds = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case ActivityLogEntry or PersonAccess or AuditEntry or PersonPriority:
                    continue;
                case AccompaniedPerson person:
                    CheckPersonChange(entry, person);
                    continue;
            }
            if (GuidOf(entry, "PersonId") is { } personId) personIds.Add(personId);
            else if (GuidOf(entry, "InterviewId") is { } interviewId) interviewIds.Add(interviewId);
        }
        if (interviewIds.Count > 0)
        {
            foreach (var id in await db.Interviews.IgnoreQueryFilters().Where(i => interviewIds.Contains(i.Id)).Select(i => i.PersonId).ToListAsync(ct))
                personIds.Add(id);
        }
        if (personIds.Count == 0) return;
        var locked = await db.Persons.IgnoreQueryFilters().AsNoTracking()
            .Where(p => personIds.Contains(p.Id) && (p.ProcessingRestricted || p.AnonymisedAt != null))
            .Select(p => p.Id)
            .FirstOrDefaultAsync(ct);
        if (locked != Guid.Empty) throw new ProcessingRestrictedException(locked);
    }

    private static void CheckPersonChange(EntityEntry entry, AccompaniedPerson person)
    {
        if (entry.State == EntityState.Added) return;
        var wasRestricted = (bool)entry.Property(nameof(AccompaniedPerson.ProcessingRestricted)).OriginalValue!;
        var wasAnonymised = entry.Property(nameof(AccompaniedPerson.AnonymisedAt)).OriginalValue is not null;
        if (wasAnonymised) throw new ProcessingRestrictedException(person.Id);
        if (!wasRestricted) return;
        // Lifting the restriction, or the erasure the retention period calls for, are the only changes it lets through.
        if (entry.State == EntityState.Modified && (!person.ProcessingRestricted || person.IsAnonymised)) return;
        throw new ProcessingRestrictedException(person.Id);
    }

    private static Guid? GuidOf(EntityEntry entry, string property) =>
        entry.Metadata.FindProperty(property) is { } p && (p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?))
            ? entry.Property(property).CurrentValue as Guid?
            : null;
}

/// <summary>A write to a file whose processing is restricted, or that was anonymised: shown to the user as a French message.</summary>
public sealed class ProcessingRestrictedException(Guid personId)
    : InvalidOperationException("Write to a restricted or anonymised person's file was refused.")
{
    public Guid PersonId { get; } = personId;
}
