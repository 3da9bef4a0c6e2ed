using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.TeamLead;

/// <summary>
/// What a team lead reviews: their team, or their whole department when they lead no particular team.
/// Every team-lead page narrows its queries to this scope; the department isolation filter comes on top.
/// </summary>
public sealed record CaseloadScope(int DepartmentId, string DepartmentName, int? LeadTeamId, IReadOnlyList<CaseloadScope.TeamOption> Teams,
    IReadOnlyList<CaseloadScope.WorkerOption> Workers)
{
    public sealed record TeamOption(int Id, string Name);

    public sealed record WorkerOption(Guid Id, string Name, int? TeamId, bool IsActive);

    /// <summary>True when the lead may look at the whole department and choose a team.</summary>
    public bool SpansDepartment => LeadTeamId is null;

    /// <summary>
    /// The team asked for in a filter, if the lead may see it: a lead with a team always gets their team,
    /// whatever the query string says; a department lead gets the team only if it belongs to the department.
    /// </summary>
    public int? EffectiveTeam(int? requested) =>
        LeadTeamId ?? (requested is { } t && Teams.Any(x => x.Id == t) ? t : null);

    /// <summary>A worker asked for in a filter, if they are inside the scope (and the chosen team); else null.</summary>
    public Guid? EffectiveWorker(Guid? requested, int? team) =>
        requested is { } w && Workers.Any(x => x.Id == w && (team is null || x.TeamId == team)) ? w : null;

    public IEnumerable<WorkerOption> WorkersOf(int? team) => team is null ? Workers : Workers.Where(w => w.TeamId == team);

    public sealed class Handler(AppDbContext db, IAuthorizationService authorization)
    {
        /// <summary>
        /// The scope a team-lead handler may act on, narrowed to the team and worker asked for, checked through
        /// <see cref="IAuthorizationService"/> (<see cref="CaseloadAuthorizationHandler"/>) by the handler that reads or
        /// writes, GET and POST alike. A team outside the lead's scope falls back to the whole scope (a filter);
        /// a worker outside it is refused.
        /// </summary>
        /// <returns>Null when the user is not a team lead or the worker is outside their scope.</returns>
        public async Task<CaseloadTarget?> AuthorizeAsync(ClaimsPrincipal user, int? requestedTeam, Guid? worker, OperationAuthorizationRequirement operation,
            CancellationToken ct)
        {
            var scope = await ForAsync(user, ct);
            return scope is null ? null : await AuthorizeAsync(user, scope, requestedTeam, worker, operation);
        }

        /// <summary>The same check on a scope the handler has just read with <see cref="ForAsync"/>.</summary>
        public async Task<CaseloadTarget?> AuthorizeAsync(ClaimsPrincipal user, CaseloadScope scope, int? requestedTeam, Guid? worker,
            OperationAuthorizationRequirement operation)
        {
            var target = new CaseloadTarget(scope, scope.EffectiveTeam(requestedTeam), worker);
            return (await authorization.AuthorizeAsync(user, target, operation)).Succeeded ? target : null;
        }

        /// <returns>Null when the signed-in user is not a team lead (the folder policy already requires it).</returns>
        public async Task<CaseloadScope?> ForAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            if (!user.IsInRole(Roles.TeamLead) || user.UserId() is not { } id) return null;
            // The user row, not the cookie, is the truth about the lead's department and team (a move applies at once).
            var lead = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Join(db.Departments, u => u.DepartmentId, d => d.Id, (u, d) => new { u.DepartmentId, u.TeamId, d.Name })
                .FirstOrDefaultAsync(ct);
            if (lead is null) return null;
            var teams = await db.Teams.AsNoTracking().Where(t => t.DepartmentId == lead.DepartmentId && (lead.TeamId == null || t.Id == lead.TeamId))
                .OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync(ct);
            // Social workers of the scope, and anyone else of the scope who still holds active persons
            // (a team lead with a caseload, a worker whose role changed): nobody's persons may drop out of sight.
            var workers = await db.Users.AsNoTracking()
                .Where(u => u.DepartmentId == lead.DepartmentId && (lead.TeamId == null || u.TeamId == lead.TeamId))
                .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.SocialWorker))
                    || db.Persons.Any(p => p.ReferentId == u.Id && p.Status == PersonStatus.Active))
                .OrderBy(u => u.DisplayName)
                .Select(u => new WorkerOption(u.Id, u.DisplayName, u.TeamId, u.IsActive))
                .ToListAsync(ct);
            return new CaseloadScope(lead.DepartmentId, lead.Name, lead.TeamId, teams, workers);
        }

        /// <summary>Active persons whose referent's account was deactivated: nobody follows them any more.</summary>
        public Task<int> PersonsToReassignAsync(CaseloadScope scope, CancellationToken ct)
        {
            var inactive = scope.Workers.Where(w => !w.IsActive).Select(w => w.Id).ToList();
            return inactive.Count == 0
                ? Task.FromResult(0)
                : db.Persons.CountAsync(p => p.DepartmentId == scope.DepartmentId && p.Status == PersonStatus.Active && inactive.Contains(p.ReferentId), ct);
        }
    }
}

/// <summary>What a team-lead page acts on: the lead's scope, a team of it, a worker of it.</summary>
public sealed record CaseloadTarget(CaseloadScope Scope, int? TeamId, Guid? WorkerId)
{
    public CaseloadScope.WorkerOption? Worker => WorkerId is { } id ? Scope.Workers.FirstOrDefault(w => w.Id == id) : null;
}

/// <summary>
/// A team lead reviews (View) and reassigns (Edit) the caseload of their scope only: their department, narrowed to
/// their team when they lead one. The team and worker must belong to that scope, checked against the rows the scope was
/// read from, and the department must be one of the user's.
/// </summary>
public sealed class CaseloadAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, CaseloadTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement,
        CaseloadTarget resource)
    {
        var user = context.User;
        var scope = resource.Scope;
        var allowed = user.IsInRole(Roles.TeamLead)
            && user.DepartmentIds().Contains(scope.DepartmentId)
            && (resource.TeamId is not { } team || scope.Teams.Any(t => t.Id == team))
            && (scope.LeadTeamId is null || resource.TeamId == scope.LeadTeamId)
            && (resource.WorkerId is not { } worker || scope.Workers.Any(w => w.Id == worker && (resource.TeamId is null || w.TeamId == resource.TeamId)));
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
