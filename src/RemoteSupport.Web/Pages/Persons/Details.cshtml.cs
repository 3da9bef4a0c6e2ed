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
            // One read gives the file and what the gate needs (the referent's team): the page is opened often,
            // so it makes three round trips in all (file, journal, access trace) instead of one per piece,
            // on one connection taken from the pool once.
            await db.Database.OpenConnectionAsync(ct);
            var found = await (
                    from p in db.Persons.AsNoTracking()
                    where p.Id == id
                    join u in db.Users on p.ReferentId equals u.Id
                    select new { Person = p, ReferentName = u.DisplayName, ReferentTeamId = u.TeamId })
                .FirstOrDefaultAsync(ct);
            if (found is null) return null;
            var reference = new PersonRef(found.Person.Id, found.Person.DepartmentId, found.Person.ReferentId, found.ReferentTeamId);
            // Not found, another department or outside the team: the same 404, so nothing leaks about the record.
            if (!PersonGate.Allows(user, reference, PersonOperation.View)) return null;

            // The department is known: saying it lets the (DepartmentId, PersonId, At) index serve the journal.
            var journal = db.ActivityLog.AsNoTracking().Where(a => a.DepartmentId == reference.DepartmentId && a.PersonId == id);
            var lines = await journal
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Take(JournalLimit)
                .Select(a => new JournalLine(a.At, a.Kind, a.Description, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
                .ToListAsync(ct);
            var total = lines.Count < JournalLimit ? lines.Count : await journal.CountAsync(ct);

            gate.RecordAccess(user, reference, "Details");
            await db.SaveChangesAsync(ct);
            return new View(found.Person, found.ReferentName, lines, total);
        }
    }
}
