using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Persons;

public sealed class Reopen(Reopen.Handler handler) : PageModel
{
    public IActionResult OnGet(Guid id) => RedirectToPage("Details", new { id });

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(id, User, ct);
        if (outcome is null) return NotFound();
        TempData["flash"] = outcome;
        return RedirectToPage("Details", new { id });
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        /// <returns>Null when the person cannot be reached; else the message to show.</returns>
        public async Task<string?> HandleAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.FirstAsync(p => p.Id == id, ct);
            var now = clock.GetUtcNow();
            try
            {
                person.Reopen();
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, id, user.RequiredUserId(), now, ActivityKind.PersonReopened, "Suivi rouvert."));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the file between our read and our write (e.g. reopened it at the same moment).
                return PageModelExtensions.ConcurrencyMessage;
            }
            return "Le suivi a été rouvert.";
        }
    }
}
