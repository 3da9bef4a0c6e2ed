using RemoteSupport.Domain.Activity;
using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Journal;

/// <summary>A department's data-protection settings: retention periods, who exports, the parts of the notice it writes. Audited.</summary>
public sealed class Settings(Settings.Handler handler) : AdminPageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public IReadOnlyList<Handler.Option> Departments { get; private set; } = [];
    public int DepartmentId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var loaded = await handler.LoadAsync(id, ct);
        if (loaded is null) return NotFound();
        (Departments, DepartmentId, Input) = loaded.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var loaded = await handler.LoadAsync(id, ct);
        if (loaded is null) return NotFound();
        (Departments, DepartmentId, _) = loaded.Value;
        var version = this.PostedVersion(Input.Version, "Input.Version");
        if (!ModelState.IsValid) return Page();
        var refusal = await handler.HandleAsync(id, Input, version, User.RequiredUserId(), ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "Les réglages de protection des données sont enregistrés.";
        return RedirectToPage(new { id });
    }

    public sealed class Command
    {
        public int AccessJournalMonths { get; set; } = 12;
        public int ActivePeriodMonths { get; set; } = 24;
        public SubjectAccessExporters SubjectAccessExporters { get; set; }
        public string? NoticeController { get; set; }
        public string? NoticeDpoContact { get; set; }
        public string? NoticeRightsContact { get; set; }
        public string? NoticeAdditionalText { get; set; }
        public uint Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.AccessJournalMonths).InclusiveBetween(Department.AccessJournalMonthsMin, Department.AccessJournalMonthsMax)
                .WithMessage($"Le journal des consultations se conserve de {Department.AccessJournalMonthsMin} à {Department.AccessJournalMonthsMax} mois.");
            RuleFor(c => c.ActivePeriodMonths).InclusiveBetween(Department.ActivePeriodMonthsMin, Department.ActivePeriodMonthsMax)
                .WithMessage($"La durée de conservation après le dernier contact va de {Department.ActivePeriodMonthsMin} à {Department.ActivePeriodMonthsMax} mois.");
            RuleFor(c => c.SubjectAccessExporters).IsInEnum().WithMessage("Choisissez qui peut établir la copie des données.");
            foreach (var (field, label) in new (System.Linq.Expressions.Expression<Func<Command, string?>>, string)[]
                     {
                         (c => c.NoticeController, "Le responsable du traitement"), (c => c.NoticeDpoContact, "Le contact du délégué"),
                         (c => c.NoticeRightsContact, "La façon d'exercer ses droits"), (c => c.NoticeAdditionalText, "Le texte complémentaire"),
                     })
            {
                RuleFor(field).MaximumLength(Department.NoticeTextMaxLength).WithMessage($"{label} ne peut pas dépasser {Department.NoticeTextMaxLength} caractères.")
                    .Must(TextRules.HasNoControl)
                    .WithMessage($"{label} contient des caractères non autorisés.");
            }
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public sealed record Option(int Id, string Label);

        public async Task<(IReadOnlyList<Option>, int, Command)?> LoadAsync(int? id, CancellationToken ct)
        {
            var options = await db.ScopedDepartments().AsNoTracking().OrderBy(d => d.Code).Select(d => new Option(d.Id, d.Code + " – " + d.Name)).ToListAsync(ct);
            var chosen = id ?? options.FirstOrDefault()?.Id;
            // Only a department of the administrator's scope; another answers 404.
            var d = chosen is null ? null : await db.ScopedDepartments().AsNoTracking().FirstOrDefaultAsync(x => x.Id == chosen, ct);
            if (d is null) return null;
            return (options, d.Id, new Command
            {
                AccessJournalMonths = d.AccessJournalMonths, ActivePeriodMonths = d.ActivePeriodMonths, SubjectAccessExporters = d.SubjectAccessExporters,
                NoticeController = d.NoticeController, NoticeDpoContact = d.NoticeDpoContact, NoticeRightsContact = d.NoticeRightsContact,
                NoticeAdditionalText = d.NoticeAdditionalText, Version = d.Version,
            });
        }

        public async Task<string?> HandleAsync(int id, Command c, uint version, Guid actorId, CancellationToken ct)
        {
            var d = await db.ScopedDepartments().FirstAsync(x => x.Id == id, ct);
            db.Entry(d).Property(x => x.Version).OriginalValue = version;
            var before = Snapshot(d);
            try
            {
                d.SetRetention(c.AccessJournalMonths, c.ActivePeriodMonths);
                d.ChangeNotice(c.NoticeController, c.NoticeDpoContact, c.NoticeRightsContact, c.NoticeAdditionalText);
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            d.ChooseSubjectAccessExporters(c.SubjectAccessExporters);
            var (b, a) = AuditTrail.Changes(before, Snapshot(d));
            if (a.Count == 0 && b.Count == 0) return null;
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.DataProtection, AuditAction.Update,
                d.Id.ToString(CultureInfo.InvariantCulture), d.Id, b, a);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return PageModelExtensions.ConcurrencyMessage;
            }
            return null;
        }


        private static Dictionary<string, object?> Snapshot(Department d) => new()
        {
            ["AccessJournalMonths"] = d.AccessJournalMonths, ["ActivePeriodMonths"] = d.ActivePeriodMonths,
            ["SubjectAccessExporters"] = d.SubjectAccessExporters.ToString(), ["NoticeController"] = d.NoticeController,
            ["NoticeDpoContact"] = d.NoticeDpoContact, ["NoticeRightsContact"] = d.NoticeRightsContact, ["NoticeAdditionalText"] = d.NoticeAdditionalText,
        };
    }
}
