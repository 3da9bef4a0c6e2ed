using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Admin.Checklists;

/// <summary>The checklist templates of the administrator's departments: current version and draft per modality.</summary>
public sealed class Index(Index.Handler handler) : PageModel
{
    public IReadOnlyList<Handler.DepartmentRow> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Departments = await handler.HandleAsync(ct);

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser)
    {
        public sealed record ModalityRow(Modality Modality, int? PublishedVersion, DateTimeOffset? PublishedAt, int? PublishedItems, bool HasDraft);
        public sealed record DepartmentRow(int Id, string Code, string Name, IReadOnlyList<ModalityRow> Modalities);

        public async Task<IReadOnlyList<DepartmentRow>> HandleAsync(CancellationToken ct)
        {
            // Departments carry no query filter (they are reference data): scope them to the administrator by hand.
            var scope = currentUser.DepartmentIds.ToArray();
            var departments = await db.Departments.AsNoTracking().Where(d => scope.Contains(d.Id)).OrderBy(d => d.Code)
                .Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct);
            var templates = await db.ChecklistTemplates.AsNoTracking()
                .Select(t => new { t.DepartmentId, t.Modality, t.Version, t.PublishedAt, Items = t.Items.Count })
                .ToListAsync(ct);
            return departments.Select(d => new DepartmentRow(d.Id, d.Code, d.Name, ModalityText.ChecklistModalities.Select(m =>
            {
                var ofModality = templates.Where(t => t.DepartmentId == d.Id && t.Modality == m).ToList();
                var published = ofModality.Where(t => t.PublishedAt != null).MaxBy(t => t.Version);
                return new ModalityRow(m, published?.Version, published?.PublishedAt, published?.Items, ofModality.Any(t => t.PublishedAt == null));
            }).ToList())).ToList();
        }
    }
}
