using FluentValidation;
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

/// <summary>Closes a follow-up with a reason. The details page posts here; errors are shown on this page.</summary>
public sealed class Close(Close.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public string FullName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var name = await handler.NameAsync(id, User, ct);
        if (name is null) return NotFound();
        FullName = name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var name = await handler.NameAsync(id, User, ct);
        if (name is null) return NotFound();
        FullName = name;
        if (!ModelState.IsValid) return Page();
        return await handler.HandleAsync(id, Input, User, ct) switch
        {
            Outcome.Closed => RedirectWithFlash(id),
            Outcome.Refused r => this.PageWithError(r.Reason),
            _ => NotFound(),
        };
    }

    private RedirectToPageResult RedirectWithFlash(Guid id)
    {
        TempData["flash"] = "Le suivi a été clos.";
        return RedirectToPage("Details", new { id });
    }

    public abstract record Outcome
    {
        public sealed record Closed : Outcome;
        public sealed record Refused(string Reason) : Outcome;
    }

    public sealed class Command
    {
        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).FreeText("Le motif", FieldLengths.ClosureReason, required: "Indiquez le motif de clôture.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public async Task<string?> NameAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            return await db.Persons.Where(p => p.Id == id).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
        }

        /// <returns>Null when the person cannot be reached by this user (404).</returns>
        public async Task<Outcome?> HandleAsync(Guid id, Command command, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            // The write checks access itself: it never relies on the form having been loaded first.
            if (await gate.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.FirstAsync(p => p.Id == id, ct);
            var now = clock.GetUtcNow();
            try
            {
                person.Close(command.Reason, now);
            }
            catch (DomainRuleException e)
            {
                return new Outcome.Refused(e.Message);
            }
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, id, user.RequiredUserId(), now, ActivityKind.PersonClosed,
                $"Suivi clos. Motif : {person.ClosureReason}"));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the file between our read and our write (e.g. closed it at the same moment).
                return new Outcome.Refused(PageModelExtensions.ConcurrencyMessage);
            }
            return new Outcome.Closed();
        }
    }
}
