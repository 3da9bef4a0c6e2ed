using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Users;

/// <summary>What an administrator sets on an account, shared by the Create and Edit pages.</summary>
public class UserInput
{
    public string DisplayName { get; set; } = "";
    public int DepartmentId { get; set; }
    public int? TeamId { get; set; }
    public List<string> Roles { get; set; } = [];
    /// <summary>Further departments an administrator spans (the home department is implied).</summary>
    public List<int> ExtraDepartmentIds { get; set; } = [];

    /// <summary>The extra departments that really are extra: the home department is always implied.</summary>
    public List<int> Grants() => ExtraDepartmentIds.Where(d => d != DepartmentId).Distinct().Order().ToList();

    public List<string> CleanRoles() => Identity.Roles.All.Where(Roles.Contains).ToList();

    /// <summary>Shape rules, and the rules that need the administrator's scope (departments, teams).</summary>
    public sealed class Validator : AbstractValidator<UserInput>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(u => u.DisplayName).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le prénom et le nom de la personne.")
                .MaximumLength(120).WithMessage("Le nom affiché ne peut pas dépasser 120 caractères.")
                .Must(TextRules.IsPlainName).WithMessage("Le nom affiché ne peut contenir que des lettres, des espaces, des tirets, des points et des apostrophes.");
            RuleFor(u => u.Roles).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Cochez au moins un rôle.")
                .Must(r => r.All(Identity.Roles.All.Contains)).WithMessage("Un des rôles choisis n'existe pas.");
            RuleFor(u => u.DepartmentId)
                // The department table has no query filter: the scope is checked here, on purpose.
                .MustAsync((id, ct) => db.ScopedDepartments().AnyAsync(d => d.Id == id, ct))
                .WithMessage("Choisissez un des départements que vous administrez.");
            RuleFor(u => u.TeamId)
                .NotNull().When(u => u.Roles.Contains(Identity.Roles.SocialWorker) || u.Roles.Contains(Identity.Roles.TeamLead))
                .WithMessage("Choisissez l'équipe : elle est nécessaire à un travailleur social ou un responsable d'équipe.");
            RuleFor(u => u.TeamId)
                // Teams are filtered to the administrator's departments: another department's team is simply not found.
                .MustAsync((u, team, ct) => db.Teams.AnyAsync(t => t.Id == team && t.DepartmentId == u.DepartmentId, ct))
                .When(u => u.TeamId is not null)
                .WithMessage("Cette équipe n'appartient pas au département choisi.");
            RuleFor(u => u.ExtraDepartmentIds).Cascade(CascadeMode.Stop)
                .Must((u, _) => u.Grants().Count == 0 || u.Roles.Contains(Identity.Roles.Admin))
                .WithMessage("Seul un administrateur peut couvrir d'autres départements que le sien.")
                // An administrator never hands out a department they do not have themselves.
                .Must((u, _) => u.Grants().All(db.AllowedDepartmentIds.Contains))
                .WithMessage("Vous ne pouvez donner accès qu'aux départements que vous administrez.");
        }
    }
}

/// <summary>The audited picture of an account: readable values (codes, names), never a secret.</summary>
internal static class UserSnapshot
{
    public static async Task<Dictionary<string, object?>> OfAsync(AppDbContext db, string displayName, int departmentId, int? teamId,
        IEnumerable<string> roles, IEnumerable<int> grants, CancellationToken ct)
    {
        var grantList = grants.Order().ToList();
        var ids = grantList.Append(departmentId).ToList();
        var codes = await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var team = teamId is null ? null : await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return new()
        {
            ["DisplayName"] = displayName,
            ["Department"] = codes.GetValueOrDefault(departmentId),
            ["Team"] = team,
            ["Roles"] = Identity.Roles.All.Where(roles.Contains).ToList(),
            ["ExtraDepartments"] = grantList.Select(g => codes.GetValueOrDefault(g) ?? g.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        };
    }
}
