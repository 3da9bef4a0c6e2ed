using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Admin.Departments;

/// <summary>The departments the administrator manages.</summary>
public sealed class Index(Index.Handler handler) : AdminPageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => (Rows, CanCreate) = await handler.HandleAsync(ct);

    public sealed record Row(int Id, string Code, string Name, int Teams, int ActiveUsers, int ActiveVideoTools);

    public sealed class Handler(AppDbContext db, AdminGate gate)
    {
        public async Task<(IReadOnlyList<Row> Rows, bool CanCreate)> HandleAsync(CancellationToken ct)
        {
            // The list starts from the administrator's claims; each department is still asked of the administration scope.
            var allowed = await gate.FilterAsync(db.AllowedDepartmentIds, Operations.View);
            var rows = await db.ScopedDepartments().AsNoTracking().Where(d => allowed.Contains(d.Id)).OrderBy(d => d.Code)
                .Select(d => new Row(d.Id, d.Code, d.Name,
                    db.Teams.Count(t => t.DepartmentId == d.Id),
                    db.Users.Count(u => u.DepartmentId == d.Id && u.IsActive),
                    db.VideoTools.Count(t => t.DepartmentId == d.Id && t.IsActive)))
                .ToListAsync(ct);
            return (rows, await db.SpansAllDepartmentsAsync(ct));
        }
    }
}
