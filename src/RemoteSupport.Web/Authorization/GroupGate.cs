using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Authorization;

/// <summary>What an authorization decision about a group session needs: its department and its team.</summary>
public sealed record GroupSessionRef(Guid Id, int DepartmentId, Guid OrganiserId, Guid FacilitatorId, Guid? NoteTakerId, Guid? TechnicalHelperWorkerId)
{
    public bool IsStaff(Guid userId) =>
        userId == OrganiserId || userId == FacilitatorId || userId == NoteTakerId || userId == TechnicalHelperWorkerId;
}

/// <summary>
/// Who may see and who may run a group session. View: the department's social workers and team leads (the session
/// itself holds no one's file; its participants are shown through <see cref="PersonGate"/>). Edit (change, attendance,
/// summary, cancel): the organiser and the workers named in a role, and the department's team leads.
/// </summary>
public sealed class GroupSessionAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, GroupSessionRef>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement,
        GroupSessionRef resource)
    {
        var user = context.User;
        var follows = user.DepartmentIds().Contains(resource.DepartmentId)
            && (user.IsInRole(Roles.SocialWorker) || user.IsInRole(Roles.TeamLead));
        var allowed = requirement.Name == Operations.View.Name
            ? follows
            : follows && (user.IsInRole(Roles.TeamLead) || user.UserId() is { } me && resource.IsStaff(me));
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>Resource-based access to a group session, asked inside every handler that reads or writes one.</summary>
public sealed class GroupGate(AppDbContext db, IAuthorizationService authorization)
{
    /// <summary>The session, if it exists for this user and the operation is allowed; null reads as 404.</summary>
    public async Task<GroupSessionRef?> AuthorizeAsync(ClaimsPrincipal user, Guid sessionId, PersonOperation operation, CancellationToken ct)
    {
        var session = await db.GroupSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new GroupSessionRef(s.Id, s.DepartmentId, s.OrganiserId, s.FacilitatorId, s.NoteTakerId, s.TechnicalHelperWorkerId))
            .FirstOrDefaultAsync(ct);
        return session is not null && await AllowsAsync(user, session, operation) ? session : null;
    }

    public async Task<bool> AllowsAsync(ClaimsPrincipal user, GroupSessionRef session, PersonOperation operation) =>
        (await authorization.AuthorizeAsync(user, session, Operations.For(operation))).Succeeded;
}
