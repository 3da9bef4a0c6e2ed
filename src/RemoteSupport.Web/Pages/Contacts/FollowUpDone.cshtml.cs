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
        // The handler checks access itself: a POST never relies on the confirmation page having been opened.
        var outcome = await handler.HandleAsync(id, User, ct);
        if (outcome is not Interviews.InterviewAction.Done done) return NotFound();
        TempData["flash"] = done.Flash;
        return RedirectToPage("/Persons/Details", new { id = done.RedirectTo });
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public sealed record View(Guid Id, Guid PersonId, string PersonName, string Who, string What, DateOnly DueOn, DateTimeOffset? DoneAt);

        public async Task<View?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var view = await db.FollowUpActions.AsNoTracking()
                .Where(a => a.Id == id)
                .Select(a => new View(a.Id, a.PersonId,
                    db.Persons.Where(p => p.Id == a.PersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "",
                    a.Who, a.What, a.DueOn, a.DoneAt))
                .FirstOrDefaultAsync(ct);
            // The action belongs to a person's file: only those who may edit that file may close it.
            return view is not null && await gate.AuthorizeAsync(user, view.PersonId, PersonOperation.Edit, ct) is not null ? view : null;
        }

        /// <summary>Done goes back to the person's page (<see cref="Interviews.InterviewAction.Done.RedirectTo"/> is the person).</summary>
        public async Task<Interviews.InterviewAction> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var action = await db.FollowUpActions.FirstOrDefaultAsync(a => a.Id == id, ct);
            if (action is null || await gate.AuthorizeAsync(user, action.PersonId, PersonOperation.Edit, ct) is null)
                return Interviews.InterviewAction.Missing;
            var now = clock.GetUtcNow();
            if (!action.MarkDone(now)) return new Interviews.InterviewAction.Done("Cette suite était déjà marquée comme faite.", action.PersonId);
            db.ActivityLog.Add(ActivityLogEntry.For(action.DepartmentId, action.PersonId, user.RequiredUserId(), now, ActivityKind.FollowUpActionDone,
                $"Suite réalisée : {action.What} ({action.Who}).", action.InterviewId));
            await db.SaveChangesAsync(ct);
            return new Interviews.InterviewAction.Done("La suite est marquée comme faite.", action.PersonId);
        }
    }
}
