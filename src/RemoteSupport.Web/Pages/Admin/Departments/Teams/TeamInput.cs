using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Departments.Teams;

public sealed class TeamInput
{
    public const string NameTaken = "Une équipe porte déjà ce nom dans ce département.";

    public string Name { get; set; } = "";

    public static Task<bool> NameTakenAsync(AppDbContext db, int departmentId, string name, int? exceptId, CancellationToken ct)
    {
        // Case-insensitive, with LIKE's wildcards escaped: "Pays de Vannes" and "pays de vannes" are the same team.
        var exact = name.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        return db.Teams.AnyAsync(t => t.DepartmentId == departmentId && EF.Functions.ILike(t.Name, exact, "\\") && t.Id != exceptId, ct);
    }

    public sealed class Validator : AbstractValidator<TeamInput>
    {
        public Validator()
        {
            RuleFor(t => t.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le nom de l'équipe.")
                .MaximumLength(120).WithMessage("Le nom de l'équipe ne peut pas dépasser 120 caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("Le nom de l'équipe contient des caractères non autorisés.");
        }
    }
}
