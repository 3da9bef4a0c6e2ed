using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>One directory entry, as the worker reads it before orienting a person.</summary>
public sealed class Details(Details.Handler handler) : PageModel
{
    public Resource Resource { get; private set; } = default!;
    public bool MayEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var resource = await handler.HandleAsync(id, ct);
        if (resource is null) return NotFound();
        (Resource, MayEdit) = (resource, DirectoryAccess.MayEdit(User));
        return Page();
    }

    public sealed class Handler(AppDbContext db)
    {
        // Another department's entry is hidden by the global query filter: 404.
        public Task<Resource?> HandleAsync(Guid id, CancellationToken ct) => db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }
}
