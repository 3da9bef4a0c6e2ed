using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Messaging;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>
/// « Envoyer la notice par e-mail » : one outbox e-mail carrying the department's information notice, under the rules of
/// every message (objection, restriction, closed file, e-mail consent, an address). The notice counts as given when the
/// e-mail has left, not when it is asked for (ADR-0025).
/// </summary>
public sealed class SendNotice(SendNotice.Handler handler) : PageModel
{
    public Handler.Form Form { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var form = await handler.FormAsync(id, User, ct);
        if (form is null) return NotFound();
        Form = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var form = await handler.FormAsync(id, User, ct);
        if (form is null) return NotFound();
        Form = form;
        var refusal = await handler.HandleAsync(id, User.RequiredUserId(), ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "La notice est prête à partir par e-mail. Elle sera notée comme remise quand l'e-mail sera parti.";
        return Redirect($"/Persons/Details/{id}#rights-title");
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, MessagePlanner planner, TimeProvider clock)
    {
        public sealed record Form(Guid PersonId, string PersonName, string? Email, ConsentState EmailConsent, DateTimeOffset? GivenAt);

        public async Task<Form?> FormAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            // Sending the notice acts on the file: the right to edit it, checked on GET and POST alike.
            if (await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId)
                .Select(p => new { p.FirstName, p.LastName, p.Email, p.NoticeGivenAt }).FirstAsync(ct);
            var consents = await db.ConsentHistoryAsync(personId, ct);
            return new Form(personId, person.FirstName + " " + person.LastName, person.Email,
                ConsentPolicy.StateAt(consents, Modality.Email, clock.GetUtcNow()), person.NoticeGivenAt);
        }

        /// <summary>Null when the e-mail is planned (and saved with its journal line), else the refusal in French.</summary>
        public async Task<string?> HandleAsync(Guid personId, Guid actorId, CancellationToken ct)
        {
            var outcome = await planner.NoticeAsync(personId, actorId, ct);
            if (outcome is PlanOutcome.Refused r) return r.Reason;
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
