using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Checklists;

/// <summary>
/// Edits a department's checklist for one modality. Changes go to a draft; publishing freezes it as a new version.
/// Every change is audited, and guarded by the draft's version so two administrators cannot overwrite each other.
/// </summary>
public sealed class Edit(Edit.Handler handler, IValidator<Edit.ItemInput> validator) : PageModel
{
    [BindProperty] public ItemInput NewItem { get; set; } = new();
    [BindProperty] public ItemInput Item { get; set; } = new();
    [BindProperty] public uint RowVersion { get; set; }
    [BindProperty] public int CopyFromDepartmentId { get; set; }
    public Handler.View Data { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int departmentId, Modality modality, CancellationToken ct) =>
        await LoadAsync(departmentId, modality, ct) ? Page() : NotFound();

    [Validates]
    public Task<IActionResult> OnPostCreateDraftAsync(int departmentId, Modality modality, CancellationToken ct) =>
        ChangeAsync(departmentId, modality, (h, c) => h.CreateDraftAsync(departmentId, modality, User.RequiredUserId(), c),
            "Un brouillon a été créé à partir de la version en vigueur.", ct);

    [Validates(nameof(NewItem))]
    public async Task<IActionResult> OnPostAddAsync(int departmentId, Modality modality, CancellationToken ct)
    {
        if (!RouteIsValid()) return NotFound();
        if (!await validator.ValidateInto(ModelState, NewItem, ct, nameof(NewItem)))
            return await LoadAsync(departmentId, modality, ct) ? Page() : NotFound();
        return await ChangeAsync(departmentId, modality, (h, c) => h.ChangeDraftAsync(departmentId, modality, RowVersion, User.RequiredUserId(), "AddItem",
            t => Snapshot(t.AddItem(NewItem.Phase, NewItem.Text.Trim(), NewItem.Required, Blank(NewItem.HelpText))), c), "L'élément a été ajouté au brouillon.", ct);
    }

    [Validates(nameof(Item))]
    public async Task<IActionResult> OnPostUpdateAsync(int departmentId, Modality modality, Guid itemId, CancellationToken ct)
    {
        if (!RouteIsValid()) return NotFound();
        if (!await validator.ValidateInto(ModelState, Item, ct, nameof(Item)))
        {
            ViewData["EditingItem"] = itemId;
            return await LoadAsync(departmentId, modality, ct) ? Page() : NotFound();
        }
        return await ChangeAsync(departmentId, modality, (h, c) => h.ChangeDraftAsync(departmentId, modality, RowVersion, User.RequiredUserId(), "UpdateItem",
            t =>
            {
                var before = Snapshot(t.Items.Single(i => i.Id == itemId));
                t.UpdateItem(itemId, Item.Text.Trim(), Item.Required, Blank(Item.HelpText));
                return new { before, after = Snapshot(t.Items.Single(i => i.Id == itemId)) };
            }, c), "L'élément a été modifié.", ct);
    }

    [Validates]
    public Task<IActionResult> OnPostMoveAsync(int departmentId, Modality modality, Guid itemId, int delta, CancellationToken ct) =>
        ChangeAsync(departmentId, modality, (h, c) => h.ChangeDraftAsync(departmentId, modality, RowVersion, User.RequiredUserId(), "MoveItem",
            t => { t.Move(itemId, Math.Sign(delta)); return new { itemId, delta = Math.Sign(delta) }; }, c), "L'ordre a été modifié.", ct);

    [Validates]
    public Task<IActionResult> OnPostRemoveAsync(int departmentId, Modality modality, Guid itemId, CancellationToken ct) =>
        ChangeAsync(departmentId, modality, (h, c) => h.ChangeDraftAsync(departmentId, modality, RowVersion, User.RequiredUserId(), "RemoveItem",
            t => Snapshot(t.RemoveItem(itemId)), c), "L'élément a été retiré du brouillon.", ct);

    [Validates]
    public Task<IActionResult> OnPostCopyAsync(int departmentId, Modality modality, CancellationToken ct) =>
        ChangeAsync(departmentId, modality, (h, c) => h.CopyAsync(departmentId, modality, RowVersion, CopyFromDepartmentId, User.RequiredUserId(), c),
            "Le brouillon reprend désormais la liste de l'autre département.", ct);

    [Validates]
    public Task<IActionResult> OnPostResetAsync(int departmentId, Modality modality, CancellationToken ct) =>
        ChangeAsync(departmentId, modality, (h, c) => h.ChangeDraftAsync(departmentId, modality, RowVersion, User.RequiredUserId(), "ResetToDefault",
            t => t.ReplaceItems(DefaultChecklists.For(departmentId, modality, 1, null).Items).Count, c),
            "Le brouillon reprend la liste proposée par défaut.", ct);

    [Validates]
    public Task<IActionResult> OnPostPublishAsync(int departmentId, Modality modality, CancellationToken ct) =>
        ChangeAsync(departmentId, modality, (h, c) => h.PublishAsync(departmentId, modality, RowVersion, User.RequiredUserId(), c),
            "La nouvelle version est publiée : les prochains entretiens l'utiliseront.", ct);

    [Validates]
    public Task<IActionResult> OnPostDiscardAsync(int departmentId, Modality modality, CancellationToken ct) =>
        ChangeAsync(departmentId, modality, (h, c) => h.DiscardAsync(departmentId, modality, RowVersion, User.RequiredUserId(), c),
            "Le brouillon a été abandonné.", ct);

    /// <summary>"Pigeon" or "42" in the address does not bind to a modality: such a page does not exist.</summary>
    private bool RouteIsValid() =>
        !(ModelState.TryGetValue("modality", out var m) && m.Errors.Count > 0) && !(ModelState.TryGetValue("departmentId", out var d) && d.Errors.Count > 0);

    private async Task<bool> LoadAsync(int departmentId, Modality modality, CancellationToken ct)
    {
        if (!RouteIsValid()) return false;
        var view = await handler.LoadAsync(departmentId, modality, ct);
        if (view is null) return false;
        Data = view;
        if (view.Draft is not null && !ModelState.ContainsKey(nameof(RowVersion))) RowVersion = view.Draft.RowVersion;
        return true;
    }

    private async Task<IActionResult> ChangeAsync(int departmentId, Modality modality,
        Func<Handler, CancellationToken, Task<Outcome>> change, string success, CancellationToken ct)
    {
        if (!RouteIsValid()) return NotFound();
        var outcome = await change(handler, ct);
        switch (outcome)
        {
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Refused r:
                ModelState.AddModelError("", r.Reason);
                // The page must show the current draft, whose version the next change will carry.
                ModelState.Remove(nameof(RowVersion));
                return await LoadAsync(departmentId, modality, ct) ? Page() : NotFound();
            default:
                TempData["flash"] = success;
                return RedirectToPage(new { departmentId, modality });
        }
    }

    private static object Snapshot(ChecklistTemplateItem i) => new { i.Id, Phase = i.Phase.ToString(), i.Order, i.Text, i.Required, i.HelpText };
    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public abstract record Outcome
    {
        public sealed record Done : Outcome;
        public sealed record NotFound : Outcome;
        public sealed record Refused(string Reason) : Outcome;
    }

    public sealed class ItemInput
    {
        public ChecklistPhase Phase { get; set; } = ChecklistPhase.Before;
        public string Text { get; set; } = "";
        public bool Required { get; set; }
        public string? HelpText { get; set; }
    }

    public sealed class Validator : AbstractValidator<ItemInput>
    {
        public Validator()
        {
            RuleFor(i => i.Phase).IsInEnum().WithMessage("Choisissez la phase : avant, pendant ou après l'entretien.");
            RuleFor(i => i.Text).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le texte de l'élément.")
                .MaximumLength(300).WithMessage("Le texte ne peut pas dépasser 300 caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("Le texte contient des caractères non autorisés (< > ou caractères invisibles).");
            RuleFor(i => i.HelpText).Cascade(CascadeMode.Stop)
                .MaximumLength(600).WithMessage("L'aide ne peut pas dépasser 600 caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("L'aide contient des caractères non autorisés (< > ou caractères invisibles).");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock)
    {
        public sealed record ItemView(Guid Id, ChecklistPhase Phase, int Order, string Text, bool Required, string? HelpText);
        public sealed record TemplateView(Guid Id, int Version, DateTimeOffset? PublishedAt, uint RowVersion, IReadOnlyList<ItemView> Items);
        public sealed record VersionRow(Guid Id, int Version, DateTimeOffset? PublishedAt, string? PublishedBy, int Items);
        public sealed record View(int DepartmentId, string DepartmentCode, string DepartmentName, Modality Modality,
            TemplateView? Draft, TemplateView? Current, IReadOnlyList<VersionRow> Versions, IReadOnlyList<(int Id, string Label)> OtherDepartments);

        /// <summary>Departments are not filtered by the query filter: an administrator reaches only their own.</summary>
        private bool InScope(int departmentId) => currentUser.DepartmentIds.Contains(departmentId);

        public async Task<View?> LoadAsync(int departmentId, Modality modality, CancellationToken ct)
        {
            if (!InScope(departmentId) || !ModalityText.ChecklistModalities.Contains(modality)) return null;
            var department = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => new { d.Code, d.Name }).FirstOrDefaultAsync(ct);
            if (department is null) return null;
            var versions = await db.ChecklistTemplates.AsNoTracking()
                .Where(t => t.DepartmentId == departmentId && t.Modality == modality)
                .OrderByDescending(t => t.Version)
                .Select(t => new VersionRow(t.Id, t.Version, t.PublishedAt,
                    db.Users.Where(u => u.Id == t.PublishedById).Select(u => u.DisplayName).FirstOrDefault(), t.Items.Count))
                .ToListAsync(ct);
            var draftId = versions.FirstOrDefault(v => v.PublishedAt is null)?.Id;
            var currentId = versions.FirstOrDefault(v => v.PublishedAt is not null)?.Id;
            var shown = await db.ChecklistTemplates.AsNoTracking()
                .Where(t => t.Id == draftId || t.Id == currentId)
                .Select(t => new TemplateView(t.Id, t.Version, t.PublishedAt, t.RowVersion,
                    t.Items.OrderBy(i => i.Phase).ThenBy(i => i.Order).Select(i => new ItemView(i.Id, i.Phase, i.Order, i.Text, i.Required, i.HelpText)).ToList()))
                .ToListAsync(ct);
            var scope = currentUser.DepartmentIds.ToArray();
            var others = await db.Departments.AsNoTracking().Where(d => scope.Contains(d.Id) && d.Id != departmentId).OrderBy(d => d.Code)
                .Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct);
            return new View(departmentId, department.Code, department.Name, modality,
                shown.SingleOrDefault(t => t.Id == draftId), shown.SingleOrDefault(t => t.Id == currentId), versions,
                others.Select(o => (o.Id, $"{o.Code} – {o.Name}")).ToList());
        }

        public async Task<Outcome> CreateDraftAsync(int departmentId, Modality modality, Guid actorId, CancellationToken ct)
        {
            if (!InScope(departmentId) || !ModalityText.ChecklistModalities.Contains(modality)) return new Outcome.NotFound();
            var templates = await db.ChecklistTemplates.Include(t => t.Items)
                .Where(t => t.DepartmentId == departmentId && t.Modality == modality).ToListAsync(ct);
            if (templates.Any(t => t.IsDraft)) return new Outcome.Refused("Un brouillon existe déjà pour cette liste : reprenez-le.");
            var current = templates.Where(t => !t.IsDraft).MaxBy(t => t.Version);
            var next = templates.Select(t => t.Version).DefaultIfEmpty(0).Max() + 1;
            var draft = current?.NewDraft(next) ?? new ChecklistTemplate { DepartmentId = departmentId, Modality = modality, Version = next };
            db.ChecklistTemplates.Add(draft);
            Audit(departmentId, actorId, "CreateDraft", draft.Id, null, new { draft.Version, FromVersion = current?.Version });
            return await SaveAsync(ct);
        }

        public async Task<Outcome> ChangeDraftAsync(int departmentId, Modality modality, uint rowVersion, Guid actorId, string action,
            Func<ChecklistTemplate, object?> change, CancellationToken ct)
        {
            if (!InScope(departmentId) || !ModalityText.ChecklistModalities.Contains(modality)) return new Outcome.NotFound();
            var draft = await db.ChecklistTemplates.Include(t => t.Items)
                .FirstOrDefaultAsync(t => t.DepartmentId == departmentId && t.Modality == modality && t.PublishedAt == null, ct);
            if (draft is null) return new Outcome.Refused("Il n'y a pas de brouillon en cours : créez-en un pour modifier la liste.");
            object? detail;
            try
            {
                detail = change(draft);
            }
            catch (DomainRuleException e)
            {
                return new Outcome.Refused(e.Message);
            }
            Touch(draft, rowVersion);
            Audit(departmentId, actorId, action, draft.Id, null, detail);
            return await SaveAsync(ct);
        }

        public async Task<Outcome> CopyAsync(int departmentId, Modality modality, uint rowVersion, int fromDepartmentId, Guid actorId, CancellationToken ct)
        {
            // Copying reads another department's template: only one the administrator also manages.
            if (!InScope(fromDepartmentId) || fromDepartmentId == departmentId)
                return new Outcome.Refused("Choisissez un autre de vos départements comme modèle.");
            var source = await db.ChecklistTemplates.AsNoTracking().Include(t => t.Items)
                .Where(t => t.DepartmentId == fromDepartmentId && t.Modality == modality && t.PublishedAt != null)
                .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
            if (source is null) return new Outcome.Refused("Ce département n'a pas encore publié de liste pour cette modalité.");
            return await ChangeDraftAsync(departmentId, modality, rowVersion, actorId, "CopyFromDepartment",
                t => new { FromDepartmentId = fromDepartmentId, FromVersion = source.Version, Replaced = t.ReplaceItems(source.Items).Count }, ct);
        }

        public async Task<Outcome> PublishAsync(int departmentId, Modality modality, uint rowVersion, Guid actorId, CancellationToken ct) =>
            await ChangeDraftAsync(departmentId, modality, rowVersion, actorId, "Publish", t =>
            {
                t.Publish(actorId, clock.GetUtcNow());
                return new { t.Version, Items = t.Items.Count };
            }, ct);

        public async Task<Outcome> DiscardAsync(int departmentId, Modality modality, uint rowVersion, Guid actorId, CancellationToken ct)
        {
            if (!InScope(departmentId) || !ModalityText.ChecklistModalities.Contains(modality)) return new Outcome.NotFound();
            var draft = await db.ChecklistTemplates.Include(t => t.Items)
                .FirstOrDefaultAsync(t => t.DepartmentId == departmentId && t.Modality == modality && t.PublishedAt == null, ct);
            if (draft is null) return new Outcome.Refused("Il n'y a pas de brouillon à abandonner.");
            db.Entry(draft).Property(t => t.RowVersion).OriginalValue = rowVersion;
            db.ChecklistTemplates.Remove(draft);
            Audit(departmentId, actorId, "DiscardDraft", draft.Id, new { draft.Version, Items = draft.Items.Count }, null);
            return await SaveAsync(ct);
        }

        /// <summary>
        /// Item rows change, not the template row: mark the template modified so its xmin is checked and bumped,
        /// which makes any change to the draft conflict with another administrator's concurrent change.
        /// </summary>
        private void Touch(ChecklistTemplate draft, uint rowVersion)
        {
            var entry = db.Entry(draft);
            entry.Property(t => t.RowVersion).OriginalValue = rowVersion;
            if (entry.State == EntityState.Unchanged) entry.Property(t => t.Version).IsModified = true;
        }

        private void Audit(int departmentId, Guid actorId, string action, Guid templateId, object? before, object? after) =>
            db.AuditEntries.Add(new AuditEntry
            {
                DepartmentId = departmentId, ActorId = actorId, At = clock.GetUtcNow(), Area = "Checklists", Action = action,
                EntityId = templateId.ToString(),
                Before = before is null ? null : JsonSerializer.Serialize(before),
                After = after is null ? null : JsonSerializer.Serialize(after),
            });

        private async Task<Outcome> SaveAsync(CancellationToken ct)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return new Outcome.Done();
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Outcome.Refused("Un autre administrateur a modifié ce brouillon pendant que vous le consultiez. "
                    + "La page montre maintenant sa version à jour : refaites votre modification si elle est toujours utile.");
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
            {
                return new Outcome.Refused("Un autre administrateur vient de créer ou publier une version de cette liste. Rechargez la page.");
            }
        }
    }
}
