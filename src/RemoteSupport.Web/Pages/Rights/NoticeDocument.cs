using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>
/// Reads what the department's information notice is made of (its settings and its active approved tools) and builds
/// it: the one source of the printable page and of the e-mail (ADR-0025).
/// </summary>
public static class NoticeDocument
{
    public static async Task<InformationNotice?> LoadAsync(AppDbContext db, int departmentId, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) return null;
        var tools = await db.VideoTools.AsNoTracking().Where(t => t.DepartmentId == departmentId && t.IsActive).OrderBy(t => t.Name)
            .Select(t => new NoticeTool(t.Name, t.PrivacyNote)).ToListAsync(ct);
        return InformationNotice.For(department, tools);
    }
}
