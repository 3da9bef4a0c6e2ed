using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Directory.Guides;

/// <summary>A guide as the person reads it, ready to print (the print stylesheet hides the application around it).</summary>
public sealed class Print(Print.Handler handler) : PageModel
{
    public PublicGuide Guide { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var guide = await handler.HandleAsync(id, ct);
        if (guide is null) return NotFound();
        Guide = guide;
        return Page();
    }

    public sealed class Handler(AppDbContext db)
    {
        // Another department's guide is hidden by the global query filter: 404.
        public Task<PublicGuide?> HandleAsync(Guid id, CancellationToken ct) => db.PublicGuides.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
    }
}
