using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Authorization;

/// <summary>A department as the resource of an administration decision: its settings, teams, tools, accounts, checklists, audit.</summary>
public sealed record DepartmentScope(int DepartmentId);

/// <summary>
/// Who may administer a department: an administrator whose sign-in claims cover it. Viewing and changing follow the same
/// rule today; the requirement is passed so they can diverge. Departments, users and the audit carry no global query
/// filter, so this is the check that keeps one department's administrator out of another's data.
/// </summary>
public sealed class AdministrationScopeAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, DepartmentScope>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement,
        DepartmentScope resource)
    {
        if (Allows(context.User, resource)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    internal static bool Allows(ClaimsPrincipal user, DepartmentScope scope) =>
        // The role is checked here as well as by the folder's policy: a handler called from elsewhere stays closed.
        user.IsInRole(Roles.Admin) && user.DepartmentIds().Contains(scope.DepartmentId);
}

/// <summary>
/// Asks <see cref="IAuthorizationService"/> whether the signed-in administrator may view or change a department's data.
/// Every administration handler that reads or writes a department's data asks here itself, POST handlers included,
/// and answers 404 when refused (a department outside one's scope does not exist for them).
/// </summary>
public sealed class AdminGate(IAuthorizationService authorization, IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public async Task<bool> AllowsAsync(int departmentId, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, new DepartmentScope(departmentId), operation)).Succeeded;

    /// <summary>The departments of a list the administrator may read or change (lists ask once per department).</summary>
    public async Task<int[]> FilterAsync(IEnumerable<int> departmentIds, OperationAuthorizationRequirement operation)
    {
        var allowed = new List<int>();
        foreach (var id in departmentIds.Distinct())
            if (await AllowsAsync(id, operation)) allowed.Add(id);
        return [.. allowed];
    }

    /// <summary>True when every department given is administered (an account's home and extra departments, say).</summary>
    public async Task<bool> AllowsAllAsync(IEnumerable<int> departmentIds, OperationAuthorizationRequirement operation)
    {
        foreach (var id in departmentIds.Distinct())
            if (!await AllowsAsync(id, operation)) return false;
        return true;
    }
}
