using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Messaging;

namespace RemoteSupport.Web.Pages.Messages;

/// <summary>A free SMS or e-mail to the person, from their page: consent, allowed hours and the journal apply as to any message.</summary>
public sealed class Send(Send.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public Handler.Form Form { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var form = await handler.FormAsync(personId, User, ct);
        if (form is null) return NotFound();
        Form = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var form = await handler.FormAsync(personId, User, ct);
        if (form is null) return NotFound();
        Form = form;
        if (!ModelState.IsValid) return Page();
        var refusal = await handler.HandleAsync(personId, Input, User.RequiredUserId(), ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "Le message est prêt à partir ; il attend si l'heure ne le permet pas. Son état s'affiche dans les messages de la fiche.";
        return Redirect($"/Persons/Details/{personId}#messages");
    }

    public sealed class Command
    {
        public MessageChannel? Channel { get; set; }
        public string? Subject { get; set; }
        public string? Text { get; set; }
    }

    public const int SmsMaxLength = 459; // three segments of GSM text

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Channel).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choisissez SMS ou e-mail.")
                .IsInEnum().WithMessage("Choisissez SMS ou e-mail.");
            RuleFor(c => c.Subject).FreeText("L'objet", 150);
            RuleFor(c => c.Text).FreeText("Le message", 2000, required: "Écrivez le message.");
            RuleFor(c => c.Text)
                .Must(t => t is null || SmsRules.Length(t) <= SmsMaxLength).When(c => c.Channel == MessageChannel.Sms)
                .WithMessage("Un SMS ne dépasse pas 459 caractères (3 SMS) : raccourcissez-le ou envoyez un e-mail.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, MessagePlanner planner, TimeProvider clock)
    {
        public sealed record Form(Guid PersonId, string PersonName, string? Phone, string? Email, ConsentState Sms, ConsentState EmailConsent);

        public async Task<Form?> FormAsync(Guid personId, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            // Writing to the person is acting on their file: the right to edit it, checked on GET and POST alike.
            if (await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId)
                .Select(p => new { p.FirstName, p.LastName, p.Phone, p.Email }).FirstAsync(ct);
            var consents = await db.ConsentHistoryAsync(personId, ct);
            var now = clock.GetUtcNow();
            return new Form(personId, person.FirstName + " " + person.LastName, person.Phone, person.Email,
                ConsentPolicy.StateAt(consents, Modality.Sms, now), ConsentPolicy.StateAt(consents, Modality.Email, now));
        }

        public async Task<string?> HandleAsync(Guid personId, Command command, Guid actorId, CancellationToken ct)
        {
            var outcome = await planner.FreeMessageAsync(personId, command.Channel!.Value, command.Subject, command.Text!, actorId, ct);
            if (outcome is PlanOutcome.Refused r) return r.Reason;
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
