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
public sealed class Close(Close.Handler handler, IValidator<Close.Command> validator) : PageModel
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
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        var refusal = await handler.HandleAsync(id, Input, User.RequiredUserId(), ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "Le suivi a été clos.";
        return RedirectToPage("Details", new { id });
    }

    public sealed class Command
    {
        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez le motif de clôture.")
                .MaximumLength(500).WithMessage("Le motif ne peut pas dépasser 500 caractères.")
                .Must(TextRules.HasNoControl).WithMessage("Le motif contient des caractères non autorisés.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public async Task<string?> NameAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var reference = await gate.FindAsync(id, ct);
            if (reference is null || !await gate.AllowsAsync(user, reference, PersonOperation.Edit)) return null;
            return await db.Persons.Where(p => p.Id == id).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
        }

        /// <returns>Null when closed, else the reason it was refused.</returns>
        public async Task<string?> HandleAsync(Guid id, Command command, Guid actorId, CancellationToken ct)
        {
            var person = await db.Persons.FirstAsync(p => p.Id == id, ct);
            var now = clock.GetUtcNow();
            try
            {
                person.Close(command.Reason.Trim(), now);
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, id, actorId, now, ActivityKind.PersonClosed, $"Suivi clos. Motif : {command.Reason.Trim()}"));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the file between our read and our write (e.g. closed it at the same moment).
                return PageModelExtensions.ConcurrencyMessage;
            }
            return null;
        }
    }
}
