using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Admin.Checklists;

/// <summary>
/// The checklist templates of the administrator's departments: current version and draft per interview modality.
/// SMS has none: it is an exchange, not an interview, and no interview would ever use its list.
/// </summary>
public sealed class Index(Index.Handler handler) : PageModel
{
    public IReadOnlyList<Handler.DepartmentRow> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Departments = await handler.HandleAsync(ct);

    public sealed class Handler(AppDbContext db, AdminGate gate)
    {
        public sealed record ModalityRow(Modality Modality, int? PublishedVersion, DateTimeOffset? PublishedAt, int? PublishedItems, bool HasDraft);
        public sealed record DepartmentRow(int Id, string Code, string Name, IReadOnlyList<ModalityRow> Modalities);

        public async Task<IReadOnlyList<DepartmentRow>> HandleAsync(CancellationToken ct)
        {
            // Departments carry no query filter (they are reference data): the list starts from the administrator's scope.
            var allowed = await gate.FilterAsync(db.AllowedDepartmentIds, Operations.View);
            var departments = await db.ScopedDepartments().AsNoTracking().Where(d => allowed.Contains(d.Id)).OrderBy(d => d.Code)
                .Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct);
            var modalities = ModalityText.ChecklistModalities;
            // Templates are filtered to the administrator's departments by the global query filter.
            var templates = await db.ChecklistTemplates.AsNoTracking()
                .Where(t => modalities.Contains(t.Modality))
                .Select(t => new { t.DepartmentId, t.Modality, t.Version, t.PublishedAt, Items = t.Items.Count })
                .ToListAsync(ct);
            return departments.Select(d => new DepartmentRow(d.Id, d.Code, d.Name, modalities.Select(m =>
            {
                var ofModality = templates.Where(t => t.DepartmentId == d.Id && t.Modality == m).ToList();
                var published = ofModality.Where(t => t.PublishedAt != null).MaxBy(t => t.Version);
                return new ModalityRow(m, published?.Version, published?.PublishedAt, published?.Items, ofModality.Any(t => t.PublishedAt == null));
            }).ToList())).ToList();
        }
    }
}
