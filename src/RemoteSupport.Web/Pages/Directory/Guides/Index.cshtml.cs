using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Directory.Guides;

/// <summary>
/// The easy-to-read guides for the public: one per interview modality and, for video, one per approved tool. Everyone
/// signed in may print them; administrators write them.
/// </summary>
public sealed class Index(Index.Handler handler) : PageModel
{
    public IReadOnlyList<Handler.DepartmentGuides> Departments { get; private set; } = [];
    public bool MayEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayEdit = User.IsInRole(Roles.Admin);
        Departments = await handler.HandleAsync(ct);
    }

    public sealed class Handler(AppDbContext db)
    {
        /// <summary>One line per guide that exists or could exist: each modality, then each active tool for video.</summary>
        public sealed record Slot(Modality Modality, Guid? ToolId, string? ToolName, Guid? GuideId, string? Title);
        public sealed record DepartmentGuides(int Id, string Name, IReadOnlyList<Slot> Slots);

        public async Task<IReadOnlyList<DepartmentGuides>> HandleAsync(CancellationToken ct)
        {
            var departments = await db.ScopedDepartments().AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, Name = d.Code + " – " + d.Name }).ToListAsync(ct);
            var tools = await db.VideoTools.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name).Select(t => new { t.Id, t.DepartmentId, t.Name }).ToListAsync(ct);
            var guides = await db.PublicGuides.AsNoTracking().Select(g => new { g.Id, g.DepartmentId, g.Modality, g.VideoToolId, g.Title }).ToListAsync(ct);
            return departments.Select(d =>
            {
                var slots = ModalityText.InterviewModalities.Select(m => (Modality: m, ToolId: (Guid?)null, ToolName: (string?)null))
                    .Concat(tools.Where(t => t.DepartmentId == d.Id).Select(t => (Modality: Modality.Video, ToolId: (Guid?)t.Id, ToolName: (string?)t.Name)))
                    .Select(s =>
                    {
                        var g = guides.FirstOrDefault(x => x.DepartmentId == d.Id && x.Modality == s.Modality && x.VideoToolId == s.ToolId);
                        return new Slot(s.Modality, s.ToolId, s.ToolName, g?.Id, g?.Title);
                    }).ToList();
                return new DepartmentGuides(d.Id, d.Name, slots);
            }).ToList();
        }
    }
}
