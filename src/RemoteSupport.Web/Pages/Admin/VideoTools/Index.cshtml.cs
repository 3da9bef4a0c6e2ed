using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Admin.VideoTools;

/// <summary>The approved video tools of the administrator's departments.</summary>
public sealed class Index(Index.Handler handler) : AdminPageModel
{
    public IReadOnlyList<Handler.DepartmentTools> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Departments = await handler.HandleAsync(ct);

    public sealed class Handler(AppDbContext db, AdminGate gate)
    {
        public sealed record ToolRow(Guid Id, int DepartmentId, string Name, string PrivacyNote, bool IsActive, int Interviews);
        public sealed record DepartmentTools(int Id, string Code, string Name, IReadOnlyList<ToolRow> Tools);

        public async Task<IReadOnlyList<DepartmentTools>> HandleAsync(CancellationToken ct)
        {
            var allowed = await gate.FilterAsync(db.AllowedDepartmentIds, Operations.View);
            var departments = await db.ScopedDepartments().AsNoTracking().Where(d => allowed.Contains(d.Id)).OrderBy(d => d.Code).Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct);
            // Video tools are filtered to the administrator's departments by the global query filter.
            var tools = await db.VideoTools.AsNoTracking().OrderByDescending(t => t.IsActive).ThenBy(t => t.Name)
                .Select(t => new ToolRow(t.Id, t.DepartmentId, t.Name, t.PrivacyNote, t.IsActive, db.Interviews.Count(i => i.VideoToolId == t.Id)))
                .ToListAsync(ct);
            return departments.Select(d => new DepartmentTools(d.Id, d.Code, d.Name, tools.Where(t => t.DepartmentId == d.Id).ToList())).ToList();
        }
    }
}
