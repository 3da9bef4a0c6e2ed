using RemoteSupport.Domain.Activity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>
/// Adds or edits a directory entry (administrators and team leads). Unticking « active » takes it out of the search
/// without losing the orientations that name it. Every change is audited.
/// </summary>
public sealed class Edit(Edit.Handler handler) : PageModel
{
    [BindProperty] public ResourceInput Input { get; set; } = new();
    public Handler.Form Form { get; private set; } = default!;
    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!DirectoryAccess.MayEdit(User)) return Forbid();
        var form = await handler.FormAsync(id, ct);
        if (form is null) return NotFound();
        (Form, Id) = (form, id);
        Input = form.Current ?? new ResourceInput { DepartmentId = User.DepartmentIds().FirstOrDefault() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!DirectoryAccess.MayEdit(User)) return Forbid();
        var form = await handler.FormAsync(id, ct);
        if (form is null) return NotFound();
        (Form, Id) = (form, id);
        if (!ModelState.IsValid) return Page();
        var outcome = await handler.HandleAsync(id, Input, User.RequiredUserId(), ct);
        if (outcome.Error is not null) return this.PageWithError(outcome.Error.Value.Message, outcome.Error.Value.Field);
        TempData["flash"] = id is null ? "La ressource a été ajoutée à l'annuaire." : "La ressource a été enregistrée.";
        return Redirect($"/Directory/Details/{outcome.Id}");
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public sealed record Department(int Id, string Name);
        public sealed record Form(IReadOnlyList<Department> Departments, IReadOnlyList<string> Themes, ResourceInput? Current);
        public sealed record Outcome(Guid Id, (string Message, string Field)? Error);

        public async Task<Form?> FormAsync(Guid? id, CancellationToken ct)
        {
            ResourceInput? current = null;
            if (id is { } rid)
            {
                // Another department's entry is hidden by the query filter: 404.
                var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid, ct);
                if (resource is null) return null;
                current = ResourceInput.From(resource);
            }
            var departments = await db.ScopedDepartments().AsNoTracking().OrderBy(d => d.Code)
                .Select(d => new Department(d.Id, d.Code + " – " + d.Name)).ToListAsync(ct);
            return new Form(departments, await DirectoryAccess.ThemesAsync(db, db.AllowedDepartmentIds, ct), current);
        }

        public async Task<Outcome> HandleAsync(Guid? id, ResourceInput input, Guid actorId, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            Resource resource;
            Dictionary<string, object?>? before = null;
            if (id is { } rid)
            {
                resource = await db.Resources.FirstAsync(r => r.Id == rid, ct);
                before = ResourceInput.Snapshot(resource);
            }
            else
            {
                var department = input.DepartmentId ?? 0;
                if (!db.AllowedDepartmentIds.Contains(department)) return new Outcome(Guid.Empty, ("Choisissez le département de la ressource.", "Input.DepartmentId"));
                resource = new Resource { DepartmentId = department };
                db.Resources.Add(resource);
            }
            var themes = await DirectoryAccess.ThemesAsync(db, [resource.DepartmentId], ct);
            var unknown = input.Themes.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t) && !themes.Contains(t.Trim()));
            if (unknown is not null) return new Outcome(Guid.Empty, ($"Le thème « {unknown} » n'existe pas dans ce département : choisissez dans la liste.", "Input.Themes"));
            input.ApplyTo(resource, now);
            var after = ResourceInput.Snapshot(resource);
            if (before is null)
                AuditTrail.Record(db, actorId, now, AuditArea.Directory, AuditAction.Create, resource.Id.ToString(), resource.DepartmentId, null, after);
            else
            {
                var (b, a) = AuditTrail.Changes(before, after);
                if (a.Count == 0 && b.Count == 0) return new Outcome(resource.Id, null);
                var action = a.Count == 1 && a.TryGetValue("IsActive", out var active)
                    ? (active is true ? AuditAction.Reactivate : AuditAction.Deactivate)
                    : AuditAction.Update;
                AuditTrail.Record(db, actorId, now, AuditArea.Directory, action, resource.Id.ToString(), resource.DepartmentId, b, a);
            }
            await db.SaveChangesAsync(ct);
            return new Outcome(resource.Id, null);
        }
    }
}
