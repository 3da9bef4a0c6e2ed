using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Authorization;

/// <summary>
/// What an administrator may manage: the departments in their sign-in claims. Users and departments carry no
/// global query filter (Identity's tables, and the department table itself), so every administration query
/// starts here; a record outside answers 404 like any other department's data.
/// </summary>
public static class AdminScope
{
    public static IQueryable<AppUser> ScopedUsers(this AppDbContext db)
    {
        var departments = db.AllowedDepartmentIds;
        return db.Users.Where(u => departments.Contains(u.DepartmentId));
    }

    public static IQueryable<Department> ScopedDepartments(this AppDbContext db)
    {
        var departments = db.AllowedDepartmentIds;
        return db.Departments.Where(d => departments.Contains(d.Id));
    }

    /// <summary>True when the administrator spans every department of the installation (the "national" administrator).</summary>
    public static async Task<bool> SpansAllDepartmentsAsync(this AppDbContext db, CancellationToken ct)
    {
        var departments = db.AllowedDepartmentIds;
        return !await db.Departments.AnyAsync(d => !departments.Contains(d.Id), ct);
    }

    /// <summary>
    /// An account that also spans departments outside the administrator's scope may be seen but not changed:
    /// otherwise a one-department administrator could reset the password of a wider account and gain its reach.
    /// </summary>
    public static Task<bool> ReachesBeyondScopeAsync(this AppDbContext db, Guid userId, CancellationToken ct)
    {
        var departments = db.AllowedDepartmentIds;
        return db.UserDepartmentGrants.AnyAsync(g => g.UserId == userId && !departments.Contains(g.DepartmentId), ct);
    }
}
