using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Retention;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.TeamLead;

/// <summary>
/// « À anonymiser dans les 30 jours » : the department's persons whose active period ends within the warning window,
/// and those held past it for a legal obligation. The nightly job anonymises the former when their date comes.
/// </summary>
public sealed class Retention(Retention.Handler handler) : PageModel
{
    public Handler.View Data { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct) => Data = await handler.HandleAsync(ct);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public const int Limit = 500;

        public sealed record Row(Guid Id, string Name, string Referent, DateTimeOffset LastActivity, DateTimeOffset AnonymiseFrom);
        public sealed record Held(Guid Id, string Name, string Referent, DateTimeOffset HeldAt, string? Reason);
        public sealed record View(IReadOnlyList<Row> Soon, IReadOnlyList<Held> Held);

        public async Task<View> HandleAsync(CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var soon = new List<Row>();
            // The query filter narrows to the lead's department(s); each has its own active period.
            var departments = await db.Departments.AsNoTracking().Where(d => db.AllowedDepartmentIds.Contains(d.Id))
                .Select(d => new { d.Id, d.ActivePeriodMonths }).ToListAsync(ct);
            foreach (var d in departments)
            {
                var cutoff = RetentionPolicy.DueIfLastActivityAtOrBefore(now + RetentionPolicy.WarningWindow, d.ActivePeriodMonths);
                var rows = await db.Persons.AsNoTracking()
                    .Where(p => p.DepartmentId == d.Id && p.AnonymisedAt == null && p.RetentionHeldAt == null && !p.ProcessingRestricted
                                && p.CreatedAt <= cutoff && (p.LastContactAt == null || p.LastContactAt <= cutoff) && (p.ClosedAt == null || p.ClosedAt <= cutoff))
                    .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(Limit)
                    .Select(p => new { p.Id, Name = p.FirstName + " " + p.LastName, Referent = db.Users.Where(u => u.Id == p.ReferentId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                        p.CreatedAt, p.LastContactAt, p.ClosedAt })
                    .ToListAsync(ct);
                soon.AddRange(rows.Select(r =>
                {
                    var last = RetentionPolicy.LastActivity(r.CreatedAt, r.LastContactAt, r.ClosedAt);
                    return new Row(r.Id, r.Name, r.Referent, last, RetentionPolicy.AnonymiseFrom(last, d.ActivePeriodMonths));
                }));
            }
            var held = await db.Persons.AsNoTracking().Where(p => p.RetentionHeldAt != null && p.AnonymisedAt == null)
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(Limit)
                .Select(p => new Held(p.Id, p.FirstName + " " + p.LastName, db.Users.Where(u => u.Id == p.ReferentId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                    p.RetentionHeldAt!.Value, p.RetentionHoldReason))
                .ToListAsync(ct);
            return new View(soon.OrderBy(r => r.AnonymiseFrom).ToList(), held);
        }
    }
}
