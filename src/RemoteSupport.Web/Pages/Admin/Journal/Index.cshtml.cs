using RemoteSupport.Domain.Activity;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Pages.Rights;

namespace RemoteSupport.Web.Pages.Admin.Journal;

/// <summary>
/// What one user opened over a period (the access journal, by user), for the administrator of their department. The
/// reading is itself audited: who looked at whose consultations, for which period.
/// </summary>
public sealed class Index(Index.Handler handler) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public Handler.View Data { get; private set; } = new([], null, [], 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) { ModelState.Clear(); From = null; To = null; }
        var view = await handler.HandleAsync(UserId, From, To, User.RequiredUserId(), ct);
        if (view is null) return NotFound();
        Data = view;
        return Page();
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public const int Limit = 1000;

        public sealed record UserOption(Guid Id, string Name);
        public sealed record Line(DateTimeOffset At, Guid PersonId, string Person, string Page);
        public sealed record View(IReadOnlyList<UserOption> Users, string? Chosen, IReadOnlyList<Line> Lines, int Total);

        public async Task<View?> HandleAsync(Guid? userId, DateOnly? from, DateOnly? to, Guid adminId, CancellationToken ct)
        {
            var users = await db.ScopedUsers().AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new UserOption(u.Id, u.DisplayName)).ToListAsync(ct);
            if (userId is not { } chosen) return new View(users, null, [], 0);
            // Only a user of the administrator's departments; another department's user answers 404.
            var name = users.FirstOrDefault(u => u.Id == chosen)?.Name;
            if (name is null) return null;
            // The access rows carry the file's department: the query filter keeps them to the administrator's departments.
            var query = db.PersonAccesses.AsNoTracking().Where(a => a.UserId == chosen);
            if (from is { } f) { var start = FrenchTime.FromLocal(f.ToDateTime(TimeOnly.MinValue)); query = query.Where(a => a.At >= start); }
            if (to is { } t) { var end = FrenchTime.FromLocal(t.AddDays(1).ToDateTime(TimeOnly.MinValue)); query = query.Where(a => a.At < end); }
            var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Limit)
                .Join(db.Persons, a => a.PersonId, p => p.Id, (a, p) => new { a.At, a.PersonId, Person = p.FirstName + " " + p.LastName, a.Page })
                .ToListAsync(ct);
            var total = rows.Count < Limit ? rows.Count : await query.CountAsync(ct);
            var departmentId = await db.Users.Where(u => u.Id == chosen).Select(u => u.DepartmentId).FirstAsync(ct);
            AuditTrail.Record(db, adminId, clock.GetUtcNow(), AuditArea.AccessJournal, AuditAction.Read, chosen.ToString(), departmentId, null,
                new() { ["From"] = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["To"] = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Rows"] = total });
            await db.SaveChangesAsync(ct);
            return new View(users, name, rows.Select(r => new Line(r.At, r.PersonId, r.Person, AccessPages.French(r.Page))).ToList(), total);
        }
    }
}
