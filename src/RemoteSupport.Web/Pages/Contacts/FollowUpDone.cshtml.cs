using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Contacts;

/// <summary>Marks a follow-up action ("qui fait quoi") as done. The person page posts here; a GET shows a confirmation.</summary>
public sealed class FollowUpDone(FollowUpDone.Handler handler) : PageModel
{
    public Handler.View Action { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.FindAsync(id, User, ct);
        if (view is null) return NotFound();
        Action = view;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.FindAsync(id, User, ct);
        if (view is null) return NotFound();
        Action = view;
        var outcome = await handler.HandleAsync(id, User.RequiredUserId(), ct);
        TempData["flash"] = outcome == Handler.Outcome.AlreadyDone ? "Cette suite était déjà marquée comme faite." : "La suite est marquée comme faite.";
        return RedirectToPage("/Persons/Details", new { id = view.PersonId });
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public enum Outcome { Done, AlreadyDone }

        public sealed record View(Guid Id, Guid PersonId, string PersonName, string Who, string What, DateOnly DueOn, DateTimeOffset? DoneAt);

        public async Task<View?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var view = await db.FollowUpActions.AsNoTracking()
                .Where(a => a.Id == id)
                .Select(a => new View(a.Id, a.PersonId,
                    db.Persons.Where(p => p.Id == a.PersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "",
                    a.Who, a.What, a.DueOn, a.DoneAt))
                .FirstOrDefaultAsync(ct);
            if (view is null) return null;
            // The action belongs to a person's file: only those who may edit that file may close it.
            var reference = await gate.FindAsync(view.PersonId, ct);
            return reference is not null && await gate.AllowsAsync(user, reference, PersonOperation.Edit) ? view : null;
        }

        public async Task<Outcome> HandleAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var action = await db.FollowUpActions.FirstAsync(a => a.Id == id, ct);
            if (action.DoneAt is not null) return Outcome.AlreadyDone;
            var now = clock.GetUtcNow();
            action.DoneAt = now;
            db.ActivityLog.Add(ActivityLogEntry.For(action.DepartmentId, action.PersonId, actorId, now, ActivityKind.FollowUpActionDone,
                $"Suite réalisée : {action.What} ({action.Who}).", action.InterviewId));
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
    }
}
