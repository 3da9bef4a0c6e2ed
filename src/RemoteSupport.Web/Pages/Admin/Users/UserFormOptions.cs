using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Admin.Users;

/// <summary>The choices an account form offers: only the administrator's departments and their teams.</summary>
public sealed record UserFormOptions(IReadOnlyList<UserFormOptions.DepartmentOption> Departments, IReadOnlyList<UserFormOptions.TeamOption> Teams)
{
    public const string ViewDataKey = "UserFormOptions";

    public sealed record DepartmentOption(int Id, string Code, string Name);
    public sealed record TeamOption(int Id, int DepartmentId, string Name);

    public static async Task<UserFormOptions> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var departments = await db.ScopedDepartments().AsNoTracking().OrderBy(d => d.Code)
            .Select(d => new DepartmentOption(d.Id, d.Code, d.Name)).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TeamOption(t.Id, t.DepartmentId, t.Name)).ToListAsync(ct);
        return new(departments, teams);
    }
}
