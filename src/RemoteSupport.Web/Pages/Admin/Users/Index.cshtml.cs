using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Admin.Users;

/// <summary>The accounts of the administrator's departments, with search and filters.</summary>
public sealed class Index(Index.Handler handler) : AdminPageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Query Filter { get; set; } = new();
    public Result Data { get; private set; } = new([], 0, 1, 1);
    public UserFormOptions Options { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Odd values in the query string fall back to "no filter" instead of failing.
        ModelState.Clear();
        Options = await handler.OptionsAsync(ct);
        Data = await handler.HandleAsync(Filter, ct);
    }

    public sealed class Query
    {
        public string? Q { get; set; }
        public int? Department { get; set; }
        public string? Role { get; set; }
        public bool? Active { get; set; }
        // From the query string only: Razor Pages also has a "page" route value (the page's path).
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] public int Page { get; set; } = 1;
    }

    public sealed record Row(Guid Id, string DisplayName, string Email, string DepartmentCode, string? TeamName, List<string> Roles,
        bool IsActive, bool LockedOut, bool MustChangePassword);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages);

    public sealed class Handler(AppDbContext db, AdminGate gate, TimeProvider clock)
    {
        public const int PageSize = 50;
        public Task<UserFormOptions> OptionsAsync(CancellationToken ct) => UserFormOptions.LoadAsync(db, ct);

        public async Task<Result> HandleAsync(Query filter, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var allowed = await gate.FilterAsync(db.AllowedDepartmentIds, Operations.View);
            var users = db.ScopedUsers().AsNoTracking().Where(u => allowed.Contains(u.DepartmentId));
            if (filter.Department is { } department)
            {
                // A department outside the administrator's scope lists nobody (the list already starts from their scope).
                if (!await gate.AllowsAsync(department, Operations.View)) return new Result([], 0, 1, 1);
                users = users.Where(u => u.DepartmentId == department);
            }
            if (filter.Active is { } active) users = users.Where(u => u.IsActive == active);
            if (filter.Role is { } role && Identity.Roles.All.Contains(role))
                users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
            if (!string.IsNullOrWhiteSpace(filter.Q))
            {
                var q = filter.Q.Trim();
                var pattern = "%" + EscapeLike(q[..Math.Min(q.Length, 100)]) + "%";
                users = users.Where(u => EF.Functions.ILike(u.DisplayName, pattern, "\\") || EF.Functions.ILike(u.Email!, pattern, "\\"));
            }
            var total = await users.CountAsync(ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(filter.Page, 1, pages);
            var rows = await users
                .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(u => new Row(u.Id, u.DisplayName, u.Email!,
                    db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Code).First(),
                    db.Teams.Where(t => t.Id == u.TeamId).Select(t => t.Name).FirstOrDefault(),
                    db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                    u.IsActive, u.LockoutEnd != null && u.LockoutEnd > now, u.MustChangePassword))
                .ToListAsync(ct);
            return new Result(rows, total, page, pages);
        }

        private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
    }
}
