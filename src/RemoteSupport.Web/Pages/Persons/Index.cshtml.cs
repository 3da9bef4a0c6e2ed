using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Persons;

/// <summary>"Ma file active": the signed-in worker's persons, with search and filters.</summary>
public sealed class Index(Index.Handler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public Query Filter { get; set; } = new();
    public Result Data { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Odd values in the query string (page=-3, status=Nope) fall back to defaults instead of failing.
        ModelState.Clear();
        Data = await handler.HandleAsync(Filter, User.RequiredUserId(), ct);
    }

    public sealed class Query
    {
        public string? Q { get; set; }
        public PersonStatus? Status { get; set; } = PersonStatus.Active;
        public RiskLevel? Risk { get; set; }
        public RemoteReason? Reason { get; set; }
        // Read from the query string only: Razor Pages keeps its own "page" route value (the page's name), which
        // model binding would otherwise find first, and the list would never leave page 1.
        [FromQuery(Name = "page")] public int Page { get; set; } = 1;
    }

    /// <param name="ReasonCodes">
    /// The remote situations as PostgreSQL gives them, joined in one text (array_to_string): Npgsql's EF Core converter
    /// for an array of enums stored as text reads the whole array again for each element (and twice more), which cost
    /// this list a twentieth of its CPU time; one text per row is read once and parsed here.
    /// </param>
    public sealed record Row(Guid Id, string LastName, string FirstName, RiskLevel Risk, string ReasonCodes,
        DateTimeOffset? LastContactAt, int FrequencyDays, PersonStatus Status, bool FirstMeetingPending)
    {
        public IReadOnlyList<RemoteReason> Reasons { get; init; } = [];

        /// <summary>An active follow-up whose agreed contact frequency has passed (or that was never contacted).</summary>
        public bool Overdue { get; init; }
    }

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages);

    /// <summary>The address of another page of the same list, filters kept (encoded, "Tous" kept as an empty value).</summary>
    public string PageLink(int page) => "/Persons" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Filter.Q ?? "", ["status"] = Filter.Status?.ToString() ?? "", ["risk"] = Filter.Risk?.ToString() ?? "",
        ["reason"] = Filter.Reason?.ToString() ?? "", ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public const int PageSize = 100;

        /// <summary>What a row reads; the remote situations in one text (see <see cref="Row"/>), which a test checks
        /// PostgreSQL computes (a call EF Core could not translate would run after reading the array).</summary>
        public static readonly Expression<Func<AccompaniedPerson, Row>> RowShape = p => new Row(p.Id, p.LastName, p.FirstName,
            p.RiskLevel, string.Join(",", p.RemoteReasons), p.LastContactAt, p.ContactFrequencyDays, p.Status, p.FirstFaceToFaceMeetingOn == null);

        // « Ma file active » is the page a worker opens most: its two statements are compiled once. A filter left
        // empty is a null parameter, and EF Core writes the SQL without its condition. Compiled queries cannot share a
        // predicate, so the rows and the count state the same one: a test pages a long, filtered list to keep them equal.
        private static readonly Func<AppDbContext, Guid, PersonStatus?, RiskLevel?, RemoteReason?, string?, int, IAsyncEnumerable<Row>> RowsQuery =
            EF.CompileAsyncQuery((AppDbContext db, Guid workerId, PersonStatus? status, RiskLevel? risk, RemoteReason? reason, string? pattern, int skip) =>
                db.Persons.AsNoTracking()
                    .Where(p => p.ReferentId == workerId
                        && (status == null || p.Status == status)
                        && (risk == null || p.RiskLevel == risk)
                        && (reason == null || p.RemoteReasons.Contains(reason.Value))
                        && (pattern == null || EF.Functions.ILike(p.LastName + " " + p.FirstName, pattern, "\\") || EF.Functions.ILike(p.FirstName + " " + p.LastName, pattern, "\\")))
                    .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
                    .Skip(skip).Take(PageSize)
                    .Select(RowShape));

        private static readonly Func<AppDbContext, Guid, PersonStatus?, RiskLevel?, RemoteReason?, string?, CancellationToken, Task<int>> CountQuery =
            EF.CompileAsyncQuery((AppDbContext db, Guid workerId, PersonStatus? status, RiskLevel? risk, RemoteReason? reason, string? pattern, CancellationToken ct) =>
                db.Persons.AsNoTracking()
                    .Count(p => p.ReferentId == workerId
                        && (status == null || p.Status == status)
                        && (risk == null || p.RiskLevel == risk)
                        && (reason == null || p.RemoteReasons.Contains(reason.Value))
                        && (pattern == null || EF.Functions.ILike(p.LastName + " " + p.FirstName, pattern, "\\") || EF.Functions.ILike(p.FirstName + " " + p.LastName, pattern, "\\"))));

        public async Task<Result> HandleAsync(Query filter, Guid workerId, CancellationToken ct)
        {
            // Values outside the enums (a tampered query string) count as no filter.
            PersonStatus? status = filter.Status is { } s && Enum.IsDefined(s) ? s : null;
            RiskLevel? risk = filter.Risk is { } r && Enum.IsDefined(r) ? r : null;
            RemoteReason? reason = filter.Reason is { } m && Enum.IsDefined(m) ? m : null;
            var search = TextRules.WithoutControl(filter.Q ?? "").Trim();
            var pattern = search.Length > 0 ? "%" + EscapeLike(search[..Math.Min(search.Length, 100)]) + "%" : null;

            var page = Math.Clamp(filter.Page, 1, int.MaxValue / PageSize); // no overflow in the offset below
            var rows = await RowsQuery(db, workerId, status, risk, reason, pattern, (page - 1) * PageSize).ToListAsync(ct);
            // A caseload fits on one page almost always: then the rows are the count, and the second query is saved.
            var total = page == 1 && rows.Count < PageSize ? rows.Count : await CountQuery(db, workerId, status, risk, reason, pattern, ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            if (page > pages)
            {
                // Past the last page (an old link, a typed number): show the last page rather than an empty list.
                page = pages;
                rows = await RowsQuery(db, workerId, status, risk, reason, pattern, (page - 1) * PageSize).ToListAsync(ct);
            }
            var now = clock.GetUtcNow();
            return new Result(rows.Select(r => r with
            {
                Reasons = StoredEnums.ParseList<RemoteReason>(r.ReasonCodes),
                Overdue = r.Status == PersonStatus.Active && (r.LastContactAt is null || (now - r.LastContactAt.Value).TotalDays > r.FrequencyDays),
            }).ToList(), total, page, pages);
        }

        private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
    }
}
