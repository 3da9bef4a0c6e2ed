using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Authorization;

/// <summary>What an authorization decision about a person needs to know, and nothing more.</summary>
public sealed record PersonRef(Guid Id, int DepartmentId, Guid ReferentId, int? ReferentTeamId);

public enum PersonOperation { View, Edit }

/// <summary>
/// Resource-based access to a person's file. The global query filter has already hidden other departments
/// (they get 404); this decides, inside the department, who may open the file.
/// </summary>
public sealed class PersonGate(AppDbContext db, TimeProvider clock)
{
    public Task<PersonRef?> FindAsync(Guid personId, CancellationToken ct) =>
        db.Persons.AsNoTracking()
            .Where(p => p.Id == personId)
            .Select(p => new PersonRef(p.Id, p.DepartmentId, p.ReferentId,
                db.Users.Where(u => u.Id == p.ReferentId).Select(u => u.TeamId).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);

    public static bool Allows(ClaimsPrincipal user, PersonRef person, PersonOperation operation)
    {
        _ = operation; // Today view and edit follow the same rule; kept apart so they can diverge.
        // Team leads review the whole caseload of their department (already narrowed by the query filter).
        if (user.IsInRole(Roles.TeamLead)) return true;
        if (!user.IsInRole(Roles.SocialWorker)) return false;
        // The referent follows the person; a colleague of the same team may stand in for them.
        if (person.ReferentId == user.UserId()) return true;
        var team = user.TeamId();
        return team is not null && team == person.ReferentTeamId;
    }

    /// <summary>Every opening of a file is traceable (GDPR): who, when, which page.</summary>
    public void RecordAccess(ClaimsPrincipal user, PersonRef person, string page) =>
        db.PersonAccesses.Add(new PersonAccess
        {
            DepartmentId = person.DepartmentId,
            PersonId = person.Id,
            UserId = user.RequiredUserId(),
            At = clock.GetUtcNow(),
            Page = page,
        });
}
