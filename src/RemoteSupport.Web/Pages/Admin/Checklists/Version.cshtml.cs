using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Admin.Checklists;

/// <summary>One version of a checklist, as it was published (older versions are kept and can be read).</summary>
public sealed class Version(Version.Handler handler) : PageModel
{
    public Handler.View Data { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.HandleAsync(id, ct);
        if (view is null) return NotFound();
        Data = view;
        return Page();
    }

    public sealed class Handler(AppDbContext db, AdminGate gate)
    {
        public sealed record View(Guid Id, int DepartmentId, string DepartmentName, Modality Modality, int Version, DateTimeOffset? PublishedAt,
            string? PublishedBy, IReadOnlyList<Edit.Handler.ItemView> Items);

        // The department query filter hides other departments' templates: their ids answer 404; the administration scope
        // is asked as well, and a list of a modality without checklists (SMS) is not shown.
        public async Task<View?> HandleAsync(Guid id, CancellationToken ct)
        {
            var view = await db.ChecklistTemplates.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new View(t.Id, t.DepartmentId, db.Departments.Where(d => d.Id == t.DepartmentId).Select(d => d.Name).First(),
                    t.Modality, t.Version, t.PublishedAt, db.Users.Where(u => u.Id == t.PublishedById).Select(u => u.DisplayName).FirstOrDefault(),
                    t.Items.OrderBy(i => i.Phase).ThenBy(i => i.Order)
                        .Select(i => new Edit.Handler.ItemView(i.Id, i.Phase, i.Order, i.Text, i.Required, i.HelpText)).ToList()))
                .FirstOrDefaultAsync(ct);
            return view is not null && ChecklistTemplate.ServesModality(view.Modality) && await gate.AllowsAsync(view.DepartmentId, Operations.View)
                ? view : null;
        }
    }
}
