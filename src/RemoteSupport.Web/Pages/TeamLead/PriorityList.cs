using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Priorities;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Priorities;

namespace RemoteSupport.Web.Pages.TeamLead;

/// <summary>
/// "À contacter en priorité": every active person of a scope ranked by <see cref="PriorityScore"/>. Shared by the
/// team lead's priority page and the worker's home page (their own caseload).
/// </summary>
public static class PriorityList
{
    /// <summary>
    /// Which persons: a department, narrowed to a team or a worker; or, without a department, one worker's own
    /// caseload wherever it is (the query filter still limits it to the user's departments).
    /// </summary>
    public sealed record Filter(int? DepartmentId, int? TeamId, Guid? WorkerId);

    public sealed record Row(int Rank, Guid PersonId, string FirstName, string LastName, Guid ReferentId, string ReferentName,
        bool ReferentInactive, RiskLevel Risk, DateTimeOffset? LastContactAt, PriorityResult Priority);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages);

    public sealed class Handler(AppDbContext db, PriorityRefresh.Handler refresh)
    {
        public const int PageSize = 50;

        public async Task<Result> HandleAsync(Filter filter, int page, int pageSize, CancellationToken ct)
        {
            IQueryable<PersonPriority> rows;
            if (filter.DepartmentId is { } department)
            {
                // Stored scores are read in index order; whatever changed since they were computed is recomputed first.
                await refresh.RefreshDepartmentAsync(department, ct);
                rows = db.PersonPriorities.AsNoTracking().Where(p => p.DepartmentId == department && p.IsActive);
                if (filter.WorkerId is { } worker) rows = rows.Where(p => p.ReferentId == worker);
                else if (filter.TeamId is { } team) rows = rows.Where(p => db.Users.Any(u => u.Id == p.ReferentId && u.TeamId == team));
            }
            else if (filter.WorkerId is { } worker)
            {
                await refresh.RefreshReferentAsync(worker, ct);
                rows = db.PersonPriorities.AsNoTracking().Where(p => p.ReferentId == worker && p.IsActive);
            }
            else
            {
                throw new ArgumentException("A priority list needs a department or a worker.", nameof(filter));
            }

            var total = await rows.CountAsync(ct);
            if (total == 0) return new Result([], 0, 1, 1);
            var pages = (total + pageSize - 1) / pageSize;
            page = Math.Clamp(page, 1, pages);
            // The page's ids from the ranking index alone (an index-only scan, even deep in the list), then their rows
            // with the person and referent they stand for.
            var ids = await rows
                // Highest score first; at equal score the longest silence first (never contacted before all); then a stable order.
                .OrderByDescending(p => p.Score).ThenBy(p => p.LastContactSort).ThenBy(p => p.PersonId)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(p => p.PersonId)
                .ToListAsync(ct);
            var shown = await db.PersonPriorities.AsNoTracking().Where(r => ids.Contains(r.PersonId))
                .Join(db.Persons, r => r.PersonId, p => p.Id, (r, p) => new { r, p })
                .Join(db.Users, x => x.p.ReferentId, u => u.Id, (x, u) => new
                {
                    x.r.PersonId, x.r.Score, x.r.Reasons, x.p.FirstName, x.p.LastName, x.p.ReferentId, x.p.RiskLevel,
                    x.p.LastContactAt, ReferentName = u.DisplayName, ReferentActive = u.IsActive,
                })
                .ToListAsync(ct);

            var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            var result = shown
                .OrderBy(x => position[x.PersonId])
                .Select((x, i) => new Row((page - 1) * pageSize + i + 1, x.PersonId, x.FirstName, x.LastName, x.ReferentId, x.ReferentName,
                    !x.ReferentActive, x.RiskLevel, x.LastContactAt, new PriorityResult(x.Score, PriorityRefresh.ReadReasons(x.Reasons))))
                .ToList();
            return new Result(result, total, page, pages);
        }
    }
}
