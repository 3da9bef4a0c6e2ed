using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Messaging;

namespace RemoteSupport.Web.Pages.Messages;

/// <summary>« Envoyer un rappel maintenant »: an SMS reminder for an interview, due now, through the same rules.</summary>
public sealed class RemindNow(RemindNow.Handler handler) : PageModel
{
    public Guid InterviewId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await handler.MayAsync(id, User, ct)) return NotFound();
        InterviewId = id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await handler.MayAsync(id, User, ct)) return NotFound();
        InterviewId = id;
        var refusal = await handler.HandleAsync(id, User.RequiredUserId(), ct);
        if (refusal is not null)
        {
            ModelState.AddModelError("", refusal);
            return Page();
        }
        TempData["flash"] = "Le rappel par SMS part dès que l'heure le permet ; son état s'affiche dans les messages de l'entretien.";
        return Redirect($"/Interviews/Details/{id}#messages");
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, MessagePlanner planner)
    {
        public async Task<bool> MayAsync(Guid interviewId, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            // A reminder reaches the person: it needs the right to edit the interview, as any change to it does.
            await gate.AuthorizeInterviewAsync(user, interviewId, PersonOperation.Edit, ct) is not null;

        public async Task<string?> HandleAsync(Guid interviewId, Guid actorId, CancellationToken ct)
        {
            var interview = await db.Interviews.AsNoTracking().Include(i => i.Participants).FirstAsync(i => i.Id == interviewId, ct);
            var outcome = await planner.ReminderNowAsync(interview, actorId, ct);
            if (outcome is PlanOutcome.Refused r) return r.Reason;
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
