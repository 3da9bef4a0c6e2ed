using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Priorities;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.TeamLead;

/// <summary>How the caseload is shared: each worker's load beside the average of the team, so imbalance shows.</summary>
public sealed class Workload(CaseloadScope.Handler scopes, Workload.Handler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public Query Filter { get; set; } = new();
    public CaseloadScope Scope { get; private set; } = default!;
    public int? Team { get; private set; }
    public Result Data { get; private set; } = new([], 0, 1, 1, Averages.Zero, default, default);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var target = await scopes.AuthorizeAsync(User, Filter.Team, null, Operations.View, ct);
        if (target is null) return Forbid();
        (Scope, Team) = (target.Scope, target.TeamId);
        Data = await handler.HandleAsync(target, Filter.Sort, Filter.PageNumber, ct);
        return Page();
    }

    public sealed class Query
    {
        public int? Team { get; set; }
        public SortBy Sort { get; set; } = SortBy.Persons;
        /// <summary>Not "page": Razor Pages keeps that name for its own route value.</summary>
        public int PageNumber { get; set; } = 1;
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["team"] = Team?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["sort"] = Filter.Sort.ToString(),
        ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => kv.Value is not null)).ToUriComponent();

    public enum SortBy { Persons, Name, OverdueContacts, OverdueActions, Week }

    public sealed record WorkerLoad(Guid Id, string Name, bool IsActive, int ActivePersons, int InterviewsThisWeek, int DoneThisMonth,
        int OverdueContacts, int OverdueActions, int MetInPerson)
    {
        /// <summary>Share of the worker's persons followed only at a distance (never met in person), in percent.</summary>
        public double RemoteOnlyShare => ActivePersons == 0 ? 0 : 100.0 * (ActivePersons - MetInPerson) / ActivePersons;
    }

    public sealed record Averages(double ActivePersons, double InterviewsThisWeek, double DoneThisMonth, double OverdueContacts,
        double OverdueActions, double RemoteOnlyShare)
    {
        public static readonly Averages Zero = new(0, 0, 0, 0, 0, 0);
    }

    /// <param name="Workers">One page of workers, in the chosen order; the average is over the whole scope.</param>
    public sealed record Result(IReadOnlyList<WorkerLoad> Workers, int Total, int Page, int Pages, Averages Average, DateOnly WeekStart,
        DateOnly MonthStart);

    public sealed class Handler(AppDbContext db, PriorityRefresh.Handler refresh, TimeProvider clock)
    {
        /// <summary>A department has hundreds of workers: they are shown a page at a time, the most loaded first by default.</summary>
        public const int PageSize = 50;

        /// <param name="target">The scope, as authorized by <see cref="CaseloadScope.Handler.AuthorizeAsync"/>.</param>
        public async Task<Result> HandleAsync(CaseloadTarget target, SortBy sort, int page, CancellationToken ct)
        {
            var (scope, team) = (target.Scope, target.TeamId);
            var today = FrenchTime.Today(clock);
            var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            var monthStart = new DateOnly(today.Year, today.Month, 1);
            DateTimeOffset Utc(DateOnly d) => FrenchTime.FromLocal(d.ToDateTime(TimeOnly.MinValue));
            var (weekFrom, weekTo, monthFrom, monthTo) = (Utc(weekStart), Utc(weekStart.AddDays(7)), Utc(monthStart), Utc(monthStart.AddMonths(1)));
            var workers = scope.WorkersOf(team).ToList();

            // Persons' facts as of today (contact overdue, late actions, met in person) come from the stored priorities.
            await refresh.RefreshDepartmentAsync(scope.DepartmentId, ct);
            var rows = db.PersonPriorities.AsNoTracking().Where(p => p.DepartmentId == scope.DepartmentId && p.IsActive);
            if (team is { } t) rows = rows.Where(p => db.Users.Any(u => u.Id == p.ReferentId && u.TeamId == t));
            var persons = await rows.GroupBy(p => p.ReferentId)
                .Select(g => new
                {
                    g.Key,
                    Active = g.Count(),
                    OverdueContacts = g.Count(p => p.ContactOverdue),
                    OverdueActions = g.Sum(p => p.OverdueActions),
                    Met = g.Count(p => !p.FirstMeetingPending),
                })
                .ToDictionaryAsync(x => x.Key, ct);

            // One pass over the interviews of the week and the month, counted per worker.
            var from = weekFrom < monthFrom ? weekFrom : monthFrom;
            var to = weekTo > monthTo ? weekTo : monthTo;
            var query = db.Interviews.AsNoTracking().Where(i => i.DepartmentId == scope.DepartmentId && i.ScheduledAt >= from && i.ScheduledAt < to);
            // A team's workers, each an index range (DepartmentId, WorkerId, ScheduledAt), rather than the whole department's month.
            if (team is not null)
            {
                var ids = workers.Select(w => w.Id).ToList();
                query = query.Where(i => ids.Contains(i.WorkerId));
            }
            var interviews = await query
                .GroupBy(i => i.WorkerId)
                .Select(g => new
                {
                    g.Key,
                    Week = g.Count(i => i.ScheduledAt >= weekFrom && i.ScheduledAt < weekTo
                        && i.Status != InterviewStatus.Cancelled && i.Status != InterviewStatus.Postponed),
                    Done = g.Count(i => i.ScheduledAt >= monthFrom && i.ScheduledAt < monthTo && i.Status == InterviewStatus.Completed),
                })
                .ToDictionaryAsync(x => x.Key, ct);

            var loads = workers.Select(w =>
            {
                var p = persons.GetValueOrDefault(w.Id);
                var i = interviews.GetValueOrDefault(w.Id);
                return new WorkerLoad(w.Id, w.Name, w.IsActive, p?.Active ?? 0, i?.Week ?? 0, i?.Done ?? 0, p?.OverdueContacts ?? 0,
                    p?.OverdueActions ?? 0, p?.Met ?? 0);
            }).ToList();

            // The average is over the workers still active: a deactivated account's persons are to reassign, not a load.
            var active = loads.Where(l => l.IsActive).ToList();
            double Avg(Func<WorkerLoad, double> f) => active.Count == 0 ? 0 : active.Average(f);
            var average = new Averages(Avg(l => l.ActivePersons), Avg(l => l.InterviewsThisWeek), Avg(l => l.DoneThisMonth),
                Avg(l => l.OverdueContacts), Avg(l => l.OverdueActions), Avg(l => l.RemoteOnlyShare));

            IOrderedEnumerable<WorkerLoad> sorted = sort switch
            {
                SortBy.Name => loads.OrderBy(l => l.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true)),
                SortBy.OverdueContacts => loads.OrderByDescending(l => l.OverdueContacts),
                SortBy.OverdueActions => loads.OrderByDescending(l => l.OverdueActions),
                SortBy.Week => loads.OrderByDescending(l => l.InterviewsThisWeek),
                SortBy.Persons => loads.OrderByDescending(l => l.ActivePersons),
                _ => loads.OrderByDescending(l => l.ActivePersons),
            };
            var pages = Math.Max(1, (loads.Count + PageSize - 1) / PageSize);
            page = Math.Clamp(page, 1, pages);
            var shown = sorted.ThenBy(l => l.Name, StringComparer.Ordinal).Skip((page - 1) * PageSize).Take(PageSize).ToList();
            return new Result(shown, loads.Count, page, pages, average, weekStart, monthStart);
        }
    }
}
