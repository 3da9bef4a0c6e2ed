using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Authorization;

/// <summary>What an authorization decision about a person needs to know, and nothing more.</summary>
public sealed record PersonRef(Guid Id, int DepartmentId, Guid ReferentId, int? ReferentTeamId);

/// <summary>What an authorization decision about an interview needs: the interview and its person.</summary>
public sealed record InterviewRef(Guid Id, Guid PersonId, int DepartmentId, Guid WorkerId, PersonRef Person);

public enum PersonOperation { View, Edit }

/// <summary>The operations on a record, as ASP.NET Core resource-based authorization requirements.</summary>
public static class Operations
{
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };

    public static OperationAuthorizationRequirement For(PersonOperation operation) => operation switch
    {
        PersonOperation.View => View,
        PersonOperation.Edit => Edit,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}

/// <summary>Who may open or change a person's file, inside the department the query filter already narrowed to.</summary>
public sealed class PersonAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, PersonRef>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, PersonRef resource)
    {
        if (Allows(context.User, resource)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    // View and edit follow the same rule today; the requirement is passed so they can diverge.
    internal static bool Allows(ClaimsPrincipal user, PersonRef person)
    {
        // A record of a department the user does not cover is never theirs, whatever the query filter let through
        // (a system context, a raw query): isolation does not rest on one mechanism alone.
        if (!user.DepartmentIds().Contains(person.DepartmentId)) return false;
        // Team leads review the whole caseload of their department.
        if (user.IsInRole(Roles.TeamLead)) return true;
        if (!user.IsInRole(Roles.SocialWorker)) return false;
        // The referent follows the person; a colleague of the same team may stand in for them.
        if (person.ReferentId == user.UserId()) return true;
        var team = user.TeamId();
        return team is not null && team == person.ReferentTeamId;
    }
}

/// <summary>An interview is reached through its person: whoever may act on the file may act on its interviews.</summary>
public sealed class InterviewAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, InterviewRef>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, InterviewRef resource)
    {
        // The interview's department must be the person's: a mismatch means corrupted data, never access.
        if (resource.DepartmentId == resource.Person.DepartmentId && PersonAuthorizationHandler.Allows(context.User, resource.Person))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Resource-based access to a person's file and its interviews, through <see cref="IAuthorizationService"/>. The global
/// query filter has already hidden other departments (they get 404); the handlers decide, inside the department, who
/// may act. Every page handler that reads or writes a person's data asks here itself, POST handlers included.
/// </summary>
public sealed class PersonGate(AppDbContext db, IAuthorizationService authorization, TimeProvider clock)
{
    public Task<PersonRef?> FindAsync(Guid personId, CancellationToken ct) =>
        db.Persons.AsNoTracking()
            .Where(p => p.Id == personId)
            .Select(p => new PersonRef(p.Id, p.DepartmentId, p.ReferentId,
                db.Users.Where(u => u.Id == p.ReferentId).Select(u => u.TeamId).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);

    public async Task<bool> AllowsAsync(ClaimsPrincipal user, PersonRef person, PersonOperation operation) =>
        (await authorization.AuthorizeAsync(user, person, Operations.For(operation))).Succeeded;

    public async Task<bool> AllowsAsync(ClaimsPrincipal user, InterviewRef interview, PersonOperation operation) =>
        (await authorization.AuthorizeAsync(user, interview, Operations.For(operation))).Succeeded;

    /// <summary>The person, if they exist for this user and the operation is allowed; null reads as 404.</summary>
    public async Task<PersonRef?> AuthorizeAsync(ClaimsPrincipal user, Guid personId, PersonOperation operation, CancellationToken ct)
    {
        var person = await FindAsync(personId, ct);
        return person is not null && await AllowsAsync(user, person, operation) ? person : null;
    }

    /// <summary>
    /// The interview, if the user may act on it. Another department's interview is hidden by the query filter; an
    /// interview of a person the user does not follow is refused by the handlers: both read as 404.
    /// </summary>
    public async Task<InterviewRef?> AuthorizeInterviewAsync(ClaimsPrincipal user, Guid interviewId, PersonOperation operation, CancellationToken ct)
    {
        var interview = await db.Interviews.AsNoTracking()
            .Where(i => i.Id == interviewId)
            .Select(i => new { i.Id, i.PersonId, i.DepartmentId, i.WorkerId })
            .FirstOrDefaultAsync(ct);
        if (interview is null) return null;
        var person = await FindAsync(interview.PersonId, ct);
        if (person is null) return null;
        var reference = new InterviewRef(interview.Id, interview.PersonId, interview.DepartmentId, interview.WorkerId, person);
        return await AllowsAsync(user, reference, operation) ? reference : null;
    }

    /// <summary>Every opening of a file is traceable (GDPR): who, when, which page.</summary>
    public Task TraceAccessAsync(ClaimsPrincipal user, PersonRef person, string page, CancellationToken ct) =>
        db.AppendAccessAsync(PersonAccess.Record(person.DepartmentId, person.Id, user.RequiredUserId(), clock.GetUtcNow(), page), ct);
}
