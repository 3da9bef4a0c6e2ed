using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Persons;

public sealed class Details(Details.Handler handler) : PageModel
{
    public Handler.View Person { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.HandleAsync(id, User, ct);
        if (view is null) return NotFound();
        Person = view;
        return Page();
    }

    public sealed class Handler(AppDbContext db, PersonGate gate)
    {
        public sealed record JournalLine(DateTimeOffset At, ActivityKind Kind, string Description, string Actor);

        public sealed record View(AccompaniedPerson Person, string ReferentName, IReadOnlyList<JournalLine> Journal, int JournalTotal);

        public const int JournalLimit = 100;

        public async Task<View?> HandleAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var reference = await gate.FindAsync(id, ct);
            // Not found, another department or outside the team: the same 404, so nothing leaks about the record.
            if (reference is null || !PersonGate.Allows(user, reference, PersonOperation.View)) return null;

            var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            var referent = await db.Users.Where(u => u.Id == person.ReferentId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
            var journal = db.ActivityLog.AsNoTracking().Where(a => a.PersonId == id);
            var total = await journal.CountAsync(ct);
            var lines = await journal
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Take(JournalLimit)
                .Select(a => new JournalLine(a.At, a.Kind, a.Description, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
                .ToListAsync(ct);

            gate.RecordAccess(user, reference, "Details");
            await db.SaveChangesAsync(ct);
            return new View(person, referent, lines, total);
        }
    }
}
