using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.TeamLead;

/// <summary>Keeps a file past its active period for a legal obligation (with the reason), or lifts that hold; both journaled.</summary>
public sealed class RetentionHold(RetentionHold.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public Handler.View Data { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, User, ct);
        if (view is null) return NotFound();
        Data = view;
        return Page();
    }

    [Validates(nameof(Input))]
    public async Task<IActionResult> OnPostHoldAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, User, ct);
        if (view is null) return NotFound();
        Data = view;
        if (!ModelState.IsValid) return Page();
        var refusal = await handler.HandleAsync(id, Input.Reason, User, ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "Le dossier est conservé au titre d'une obligation légale.";
        return RedirectToPage("Retention");
    }

    [Validates]
    public async Task<IActionResult> OnPostReleaseAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, User, ct);
        if (view is null) return NotFound();
        Data = view;
        var refusal = await handler.HandleAsync(id, null, User, ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "La conservation prolongée est levée : le dossier suit de nouveau la durée normale.";
        return RedirectToPage("Retention");
    }

    public sealed class Command
    {
        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).FreeText("La raison", AccompaniedPerson.RightsReasonMaxLength, required: "Indiquez l'obligation légale qui impose de conserver ce dossier.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public sealed record View(Guid Id, string Name, DateTimeOffset? HeldAt, string? Reason, bool Anonymised);

        // Team leads only (the folder's policy); PersonGate still checks the department and the file.
        public async Task<View?> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            return await db.Persons.AsNoTracking().Where(p => p.Id == id)
                .Select(p => new View(p.Id, p.FirstName + " " + p.LastName, p.RetentionHeldAt, p.RetentionHoldReason, p.AnonymisedAt != null))
                .FirstAsync(ct);
        }

        /// <summary>Holds with <paramref name="reason"/>, or releases when it is null. Null when done, else the refusal.</summary>
        public async Task<string?> HandleAsync(Guid id, string? reason, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return "Vous ne pouvez pas agir sur ce dossier.";
            var person = await db.Persons.FirstAsync(p => p.Id == id, ct);
            var now = clock.GetUtcNow();
            try
            {
                if (reason is null) person.ReleaseRetentionHold();
                else person.HoldRetention(reason, now);
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            db.ActivityLog.Add(reason is null
                ? ActivityLogEntry.For(person.DepartmentId, id, user.RequiredUserId(), now, ActivityKind.RetentionHoldReleased, "Conservation prolongée levée.")
                : ActivityLogEntry.For(person.DepartmentId, id, user.RequiredUserId(), now, ActivityKind.RetentionHeld,
                    $"Dossier conservé au-delà de la durée normale. Obligation légale : {reason.Trim()}"));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return PageModelExtensions.ConcurrencyMessage;
            }
            return null;
        }
    }
}
