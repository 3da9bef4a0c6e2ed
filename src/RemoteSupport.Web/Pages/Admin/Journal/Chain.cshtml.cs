using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Journal;

namespace RemoteSupport.Web.Pages.Admin.Journal;

/// <summary>Whether each of the administrator's departments has an intact activity-journal chain, and where it breaks (ADR-0023).</summary>
public sealed class Chain(Chain.Handler handler) : PageModel
{
    public IReadOnlyList<JournalVerification.Result> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Results = await handler.HandleAsync(ct);

    public sealed class Handler(AppDbContext db)
    {
        public Task<IReadOnlyList<JournalVerification.Result>> HandleAsync(CancellationToken ct) =>
            JournalVerification.VerifyAsync(db, db.AllowedDepartmentIds, ct);
    }
}
