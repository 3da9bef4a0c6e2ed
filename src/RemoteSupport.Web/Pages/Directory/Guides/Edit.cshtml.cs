using RemoteSupport.Domain.Activity;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Directory.Guides;

/// <summary>Writes the easy-to-read guide of one modality (or one video tool) of a department. Administrators; audited.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class Edit(Edit.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public Handler.Slot Slot { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int departmentId, Modality modality, Guid? toolId, CancellationToken ct)
    {
        var slot = await handler.SlotAsync(departmentId, modality, toolId, ct);
        if (slot is null) return NotFound();
        Slot = slot;
        Input = slot.Current ?? new Command
        {
            Title = slot.ToolName is null ? $"Votre rendez-vous par {modality.French()}" : $"Votre rendez-vous en visio avec {slot.ToolName}",
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int departmentId, Modality modality, Guid? toolId, CancellationToken ct)
    {
        var slot = await handler.SlotAsync(departmentId, modality, toolId, ct);
        if (slot is null) return NotFound();
        Slot = slot;
        if (!ModelState.IsValid) return Page();
        var rule = PublicGuide.Check(Input.Steps!, Input.HelpPhone!);
        if (!rule.Allowed) return this.PageWithError(rule.Reason!, "Input.Steps");
        var id = await handler.HandleAsync(slot, Input, User.RequiredUserId(), ct);
        TempData["flash"] = "Le guide est enregistré ; il accompagne désormais les invitations concernées.";
        return Redirect($"/Directory/Guides/Print/{id}");
    }

    public sealed class Command
    {
        public string? Title { get; set; }
        public string? Steps { get; set; }
        public string? HelpPhone { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).FreeText("Le titre", PublicGuide.TitleMaxLength, required: "Donnez un titre au guide.");
            RuleFor(c => c.Steps).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Écrivez les étapes, une par ligne.")
                .MaximumLength(PublicGuide.StepsMaxLength).WithMessage("Le guide ne dépasse pas 3 000 caractères.")
                .Must(s => s!.All(ch => !char.IsControl(ch) || ch is '\n' or '\r')).WithMessage("Le guide contient des caractères non autorisés.");
            RuleFor(c => c.HelpPhone).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Indiquez un numéro de téléphone pour l'aide.")
                .Matches(@"^\+?[0-9 .\-]{4,20}$").WithMessage("Le numéro s'écrit en chiffres, par exemple 01 99 00 12 34.");
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public sealed record Slot(int DepartmentId, string DepartmentName, Modality Modality, Guid? ToolId, string? ToolName, Guid? GuideId, Command? Current);

        public async Task<Slot?> SlotAsync(int departmentId, Modality modality, Guid? toolId, CancellationToken ct)
        {
            if (!ModalityText.InterviewModalities.Contains(modality)) return null;
            if (toolId is not null && modality != Modality.Video) return null;
            // An administrator's own departments only; another department's tool or guide is hidden: 404.
            var department = await db.ScopedDepartments().AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Code + " – " + d.Name).FirstOrDefaultAsync(ct);
            if (department is null) return null;
            string? toolName = null;
            if (toolId is { } tid)
            {
                toolName = await db.VideoTools.AsNoTracking().Where(t => t.Id == tid && t.DepartmentId == departmentId).Select(t => t.Name).FirstOrDefaultAsync(ct);
                if (toolName is null) return null;
            }
            var guide = await db.PublicGuides.AsNoTracking()
                .FirstOrDefaultAsync(g => g.DepartmentId == departmentId && g.Modality == modality && g.VideoToolId == toolId, ct);
            return new Slot(departmentId, department, modality, toolId, toolName, guide?.Id,
                guide is null ? null : new Command { Title = guide.Title, Steps = guide.Steps, HelpPhone = guide.HelpPhone });
        }

        public async Task<Guid> HandleAsync(Slot slot, Command c, Guid actorId, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var guide = slot.GuideId is { } id ? await db.PublicGuides.FirstAsync(g => g.Id == id, ct) : null;
            var before = guide is null ? null : Snapshot(guide);
            if (guide is null)
            {
                guide = new PublicGuide { DepartmentId = slot.DepartmentId, Modality = slot.Modality, VideoToolId = slot.ToolId };
                db.PublicGuides.Add(guide);
            }
            guide.Title = c.Title!.Trim();
            guide.Steps = string.Join("\n", c.Steps!.ReplaceLineEndings("\n").Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0));
            guide.HelpPhone = c.HelpPhone!.Trim();
            guide.UpdatedAt = now;
            if (before is null)
                AuditTrail.Record(db, actorId, now, AuditArea.PublicGuides, AuditAction.Create, guide.Id.ToString(), guide.DepartmentId, null, Snapshot(guide));
            else
            {
                var (b, a) = AuditTrail.Changes(before, Snapshot(guide));
                if (a.Count > 0)
                    AuditTrail.Record(db, actorId, now, AuditArea.PublicGuides, AuditAction.Update, guide.Id.ToString(), guide.DepartmentId, b, a);
            }
            await db.SaveChangesAsync(ct);
            return guide.Id;
        }

        private static Dictionary<string, object?> Snapshot(PublicGuide g) => new()
        {
            ["Modality"] = g.Modality.ToString(), ["VideoToolId"] = g.VideoToolId, ["Title"] = g.Title, ["Steps"] = g.Steps, ["HelpPhone"] = g.HelpPhone,
        };
    }
}
