using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Departments;

/// <summary>A department's code and name, shared by Create and Edit (same rules).</summary>
public class DepartmentNaming
{
    public const string CodeTaken = "Ce code est déjà utilisé par un autre département.";

    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Codes are compared and stored in capitals: "cd56" and "CD56" are the same department.</summary>
    public string CleanCode => Code.Trim().ToUpperInvariant();

    /// <summary>Codes are unique across the installation, whoever administers the other department.</summary>
    public static Task<bool> CodeTakenAsync(AppDbContext db, string code, int? exceptId, CancellationToken ct) =>
        db.Departments.AnyAsync(d => d.Code == code && d.Id != exceptId, ct);

    public sealed class Validator : AbstractValidator<DepartmentNaming>
    {
        public Validator()
        {
            RuleFor(d => d.Code).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le code du département, par exemple CD56.")
                .Matches("^\\s*[A-Za-z0-9]{2,16}\\s*$").WithMessage("Le code compte de 2 à 16 lettres ou chiffres, sans espace ni accent (par exemple CD56).");
            RuleFor(d => d.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le nom du département.")
                .MaximumLength(120).WithMessage("Le nom ne peut pas dépasser 120 caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("Le nom contient des caractères non autorisés.");
        }
    }
}
