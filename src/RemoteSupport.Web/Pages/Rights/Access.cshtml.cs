using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>« Qui a consulté ce dossier » : every opening of a person's file, with date filters. Reading it is itself traced.</summary>
public sealed class Access(Access.Handler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public Handler.View Data { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        // A date the binder cannot read falls back to "no filter" rather than an error page.
        if (!ModelState.IsValid) { ModelState.Clear(); From = null; To = null; }
        var view = await handler.HandleAsync(id, From, To, User, ct);
        if (view is null) return NotFound();
        Data = view;
        return Page();
    }

    public sealed class Handler(AppDbContext db, RightsGate rights)
    {
        public const int Limit = 500;

        public sealed record Line(DateTimeOffset At, string User, string Page);
        public sealed record View(Guid PersonId, string PersonName, IReadOnlyList<Line> Lines, int Total, int KeptMonths);

        public async Task<View?> HandleAsync(Guid id, DateOnly? from, DateOnly? to, ClaimsPrincipal user, CancellationToken ct)
        {
            var person = await rights.MayReadAccessJournalAsync(user, id, ct);
            if (person is null) return null;
            var query = db.PersonAccesses.AsNoTracking().Where(a => a.DepartmentId == person.DepartmentId && a.PersonId == id);
            if (from is { } f) { var start = FrenchTime.FromLocal(f.ToDateTime(TimeOnly.MinValue)); query = query.Where(a => a.At >= start); }
            if (to is { } t) { var end = FrenchTime.FromLocal(t.AddDays(1).ToDateTime(TimeOnly.MinValue)); query = query.Where(a => a.At < end); }
            var lines = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Limit)
                .Select(a => new { a.At, User = db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName).FirstOrDefault() ?? "", a.Page })
                .ToListAsync(ct);
            var total = lines.Count < Limit ? lines.Count : await query.CountAsync(ct);
            var info = await db.Persons.AsNoTracking().Where(p => p.Id == id)
                .Select(p => new { Name = p.FirstName + " " + p.LastName, Kept = db.Departments.Where(d => d.Id == p.DepartmentId).Select(d => d.AccessJournalMonths).First() })
                .FirstAsync(ct);
            // Reading who read the file is itself a read of the file: traced like any other.
            await rights.TraceAccessAsync(user, person, AccessPages.AccessJournal, ct);
            return new View(id, info.Name, lines.Select(l => new Line(l.At, l.User, AccessPages.French(l.Page))).ToList(), total, info.Kept);
        }
    }
}
