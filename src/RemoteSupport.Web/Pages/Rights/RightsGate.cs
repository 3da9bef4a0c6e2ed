using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>
/// Who may use the person's-rights pages (issue 14). The query filter has already hidden other departments (404); inside
/// the department, <see cref="PersonGate"/> decides who follows the file, and these rules narrow it further.
/// </summary>
public sealed class RightsGate(AppDbContext db, PersonGate gate)
{
    public Task<PersonRef?> FindAsync(Guid personId, CancellationToken ct) => gate.FindAsync(personId, ct);

    /// <summary>Those who follow the file (referent, team, team leads) act on the person's rights.</summary>
    public async Task<PersonRef?> MayActAsync(ClaimsPrincipal user, Guid personId, CancellationToken ct) =>
        await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct);

    /// <summary>
    /// « Qui a consulté ce dossier » is for team leads of the department and its administrators only: a worker checking
    /// on colleagues is not the purpose of the access journal (CNIL 2021-122).
    /// </summary>
    public async Task<PersonRef?> MayReadAccessJournalAsync(ClaimsPrincipal user, Guid personId, CancellationToken ct)
    {
        var person = await gate.FindAsync(personId, ct);
        if (person is null) return null;
        if (IsAdminOf(user, person)) return person;
        if (user.IsInRole(Roles.TeamLead) && await gate.AllowsAsync(user, person, PersonOperation.View)) return person;
        return null;
    }

    /// <summary>Who may hand over the copy of the data is the department's setting (team leads and administrators by default).</summary>
    public async Task<(PersonRef Person, Department Department)?> MayExportAsync(ClaimsPrincipal user, Guid personId, CancellationToken ct)
    {
        var person = await gate.FindAsync(personId, ct);
        if (person is null) return null;
        var department = await db.Departments.AsNoTracking().FirstAsync(d => d.Id == person.DepartmentId, ct);
        var follows = await gate.AllowsAsync(user, person, PersonOperation.View);
        var allowed = department.MayExport(
            isTeamLead: user.IsInRole(Roles.TeamLead) && follows,
            isAdmin: IsAdminOf(user, person),
            isFollowingWorker: user.IsInRole(Roles.SocialWorker) && follows);
        return allowed ? (person, department) : null;
    }

    // An administrator's departments are in their claims (the query filter already narrowed to them).
    private static bool IsAdminOf(ClaimsPrincipal user, PersonRef person) =>
        user.IsInRole(Roles.Admin) && user.DepartmentIds().Contains(person.DepartmentId);

    /// <summary>Writes the trace of a read of the file (who, when, which page).</summary>
    public Task TraceAccessAsync(ClaimsPrincipal user, PersonRef person, string page, CancellationToken ct) =>
        gate.TraceAccessAsync(user, person, page, ct);
}

/// <summary>The names of the pages and actions written in the access journal, as a person would read them.</summary>
public static class AccessPages
{
    public const string AccessJournal = "AccessJournal";
    public const string Export = "SubjectAccessExport";
    public const string Rights = "Rights";
    public const string Notice = "Notice";

    public static string French(string page) => page switch
    {
        "Details" => "Fiche de la personne",
        "Interview" => "Entretien",
        "ConsentHistory" => "Historique des consentements",
        AccessJournal => "Journal des consultations",
        Export => "Copie des données (droit d'accès)",
        Rights => "Droits de la personne",
        Notice => "Notice d'information",
        _ => page,
    };
}
