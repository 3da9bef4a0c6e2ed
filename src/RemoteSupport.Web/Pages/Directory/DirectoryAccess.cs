using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>
/// Who may do what in the directory (issue 17): everyone signed in reads their departments' directory (the global query
/// filter hides the others: 404); administrators and team leads edit it; administrators extend themes and write guides.
/// </summary>
public static class DirectoryAccess
{
    public static bool MayEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.TeamLead);

    /// <summary>The themes of a department: the default list then the department's own.</summary>
    public static async Task<IReadOnlyList<string>> ThemesAsync(AppDbContext db, IEnumerable<int> departmentIds, CancellationToken ct)
    {
        var ids = departmentIds.ToArray();
        var own = await db.DirectoryThemes.AsNoTracking().Where(t => ids.Contains(t.DepartmentId)).Select(t => t.Name).Distinct().ToListAsync(ct);
        return DirectoryThemes.For(own);
    }
}
