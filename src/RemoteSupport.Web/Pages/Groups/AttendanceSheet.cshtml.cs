using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>
/// The attendance sheet: present, absent, excused or left early for each registered participant. Each participant's
/// journal gets one line (and one more when a mark is corrected); the session counts as held.
/// </summary>
public sealed class AttendanceSheet(AttendanceSheet.Handler handler) : PageModel
{
    /// <summary>Participant id → attendance name, as the form sends it.</summary>
    [BindProperty] public Dictionary<string, string?> Sheet { get; set; } = [];
    [BindProperty] public uint Version { get; set; }
    public SessionView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, User, ct);
        if (view is null) return NotFound();
        View = view;
        Version = view.Version;
        Sheet = view.Registered.ToDictionary(p => p.Id.ToString(), p => p.Attendance?.ToString());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, User, ct);
        if (view is null) return NotFound();
        View = view;
        var sheet = new Dictionary<Guid, Domain.Groups.Attendance>();
        foreach (var p in view.Registered)
        {
            var value = Sheet.GetValueOrDefault(p.Id.ToString());
            if (FormEnum.OrNull<Domain.Groups.Attendance>(value) is { } a) sheet[p.Id] = a;
            else ModelState.AddModelError($"Sheet[{p.Id}]", $"Indiquez la présence de {p.Name}.");
        }
        if (!ModelState.IsValid) return Page();
        var outcome = await handler.RecordAsync(id, sheet, this.PostedVersion(Version), User, ct);
        if (outcome is not null) return this.PageWithError(outcome);
        TempData["flash"] = "La feuille de présence est enregistrée ; le journal de chaque participant en garde la trace.";
        return RedirectToPage("/Groups/Details", new { id });
    }

    public sealed class Handler(AppDbContext db, GroupGate groups, PersonGate persons, TimeProvider clock)
    {
        /// <summary>Only the session's team (or a team lead), once the session has started.</summary>
        public async Task<SessionView?> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            return await SessionView.LoadAsync(db, groups, persons, clock, user, id, ct);
        }

        /// <returns>Null when saved; the refusal otherwise.</returns>
        public async Task<string?> RecordAsync(Guid id, IReadOnlyDictionary<Guid, Domain.Groups.Attendance> sheet, uint version, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return "Cette séance n'existe plus.";
            var session = await db.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == id, ct);
            db.Entry(session).Property(s => s.Version).OriginalValue = version;
            var me = user.RequiredUserId();
            var now = clock.GetUtcNow();
            return await SessionSeats.RefusalOfAsync(async () =>
            {
                var corrected = session.Participants.Where(p => p.Attendance is not null).Select(p => p.Id).ToHashSet();
                foreach (var p in session.RecordAttendance(sheet, me, now))
                    db.ActivityLog.Add(ActivityLogEntry.For(session.DepartmentId, p.PersonId, me, now, ActivityKind.GroupSessionAttendance,
                        $"{SessionSeats.Title(session)} : {p.Attendance!.Value.French().ToLowerInvariant()}{(corrected.Contains(p.Id) ? " (présence corrigée)" : "")}.",
                        modality: session.Modality));
                await db.SaveChangesAsync(ct);
            });
        }
    }
}
