using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.VideoTools;

/// <summary>An approved video tool as the administrator describes it; shared by Create and Edit.</summary>
public sealed class VideoToolInput
{
    public const string NameTaken = "Un outil porte déjà ce nom dans ce département.";

    public string Name { get; set; } = "";
    /// <summary>Shown to the worker who picks the tool: where data goes, what the person needs, what to avoid.</summary>
    public string PrivacyNote { get; set; } = "";
    public bool IsActive { get; set; } = true;

    public static VideoToolInput From(VideoTool t) => new() { Name = t.Name, PrivacyNote = t.PrivacyNote, IsActive = t.IsActive };

    public static Dictionary<string, object?> Snapshot(VideoTool t) => new()
    {
        ["Name"] = t.Name,
        ["PrivacyNote"] = t.PrivacyNote,
        ["IsActive"] = t.IsActive,
    };

    public void ApplyTo(VideoTool t)
    {
        t.Name = Name.Trim();
        t.PrivacyNote = PrivacyNote.Trim();
        t.IsActive = IsActive;
    }

    public static Task<bool> NameTakenAsync(AppDbContext db, int departmentId, string name, Guid? exceptId, CancellationToken ct)
    {
        // Case-insensitive, with LIKE's wildcards escaped: "Visio" and "visio" are the same tool.
        var exact = name.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        return db.VideoTools.AnyAsync(t => t.DepartmentId == departmentId && EF.Functions.ILike(t.Name, exact, "\\") && t.Id != exceptId, ct);
    }

    public sealed class Validator : AbstractValidator<VideoToolInput>
    {
        public Validator()
        {
            RuleFor(t => t.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le nom de l'outil.")
                .MaximumLength(80).WithMessage("Le nom de l'outil ne peut pas dépasser 80 caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("Le nom de l'outil contient des caractères non autorisés.");
            RuleFor(t => t.PrivacyNote).FreeText("La note de confidentialité", 500, required: "Écrivez la note de confidentialité : elle guide le travailleur social qui choisit l'outil.");
        }
    }
}
