using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Messaging;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>
/// Sends a resource's contact card to the person by SMS or e-mail, through the outbox (issue 13): the same planner as
/// any message to the person, so consent to the channel, working hours and the « période sans SMS » apply. Journaled.
/// </summary>
[Authorize(Policy = Policies.FollowPersons)]
public sealed class SendCard(SendCard.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public Handler.Form Form { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid personId, Guid resourceId, CancellationToken ct)
    {
        var form = await handler.FormAsync(personId, resourceId, User, ct);
        if (form is null) return NotFound();
        Form = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, Guid resourceId, CancellationToken ct)
    {
        var form = await handler.FormAsync(personId, resourceId, User, ct);
        if (form is null) return NotFound();
        Form = form;
        if (!ModelState.IsValid) return Page();
        var refusal = await handler.HandleAsync(form, Input.Channel!.Value, User.RequiredUserId(), ct);
        if (refusal is not null) return this.PageWithError(refusal, "Input.Channel");
        TempData["flash"] = "La fiche est prête à partir ; elle attend si l'heure ne le permet pas. Son état s'affiche dans les messages de la fiche.";
        return Redirect($"/Persons/Details/{personId}#messages");
    }

    public sealed class Command
    {
        public MessageChannel? Channel { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Channel).Cascade(CascadeMode.Stop).NotNull().WithMessage("Choisissez SMS ou e-mail.").IsInEnum().WithMessage("Choisissez SMS ou e-mail.");
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, MessagePlanner planner, TimeProvider clock)
    {
        public sealed record Form(Guid PersonId, int DepartmentId, string PersonName, string? Phone, string? Email, ConsentState Sms, ConsentState EmailConsent,
            Guid ResourceId, string ResourceName, bool ResourceActive, string SmsText, string EmailText);

        public const string Intro = "Voici les coordonnées dont nous avons parlé :";

        public async Task<Form?> FormAsync(Guid personId, Guid resourceId, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            // Writing to the person acts on their file: the right to edit it, on GET and POST alike.
            var reference = await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct);
            if (reference is null) return null;
            // The resource must be of the person's department (another department's is hidden anyway: 404).
            var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resourceId && r.DepartmentId == reference.DepartmentId, ct);
            if (resource is null) return null;
            var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId)
                .Select(p => new { p.FirstName, p.LastName, p.Phone, p.Email }).FirstAsync(ct);
            var consents = await db.ConsentHistoryAsync(personId, ct);
            var now = clock.GetUtcNow();
            return new Form(personId, reference.DepartmentId, person.FirstName + " " + person.LastName, person.Phone, person.Email,
                ConsentPolicy.StateAt(consents, Modality.Sms, now), ConsentPolicy.StateAt(consents, Modality.Email, now),
                resource.Id, resource.Name, resource.IsActive, Intro + "\n" + resource.Card(shortForm: true), Intro + "\n\n" + resource.Card(shortForm: false));
        }

        /// <returns>Null when the card is in the outbox; otherwise why it was not sent, in French.</returns>
        public async Task<string?> HandleAsync(Form form, MessageChannel channel, Guid actorId, CancellationToken ct)
        {
            if (!form.ResourceActive) return "Cette ressource n'est plus active : sa fiche n'est plus envoyée.";
            var text = channel == MessageChannel.Sms ? form.SmsText : form.EmailText;
            if (channel == MessageChannel.Sms && SmsRules.Length(text) > Messages.Send.SmsMaxLength)
                return "Cette fiche est trop longue pour un SMS (plus de 3 SMS) : envoyez-la par e-mail.";
            var outcome = await planner.FreeMessageAsync(form.PersonId, channel, "Coordonnées : " + form.ResourceName, text, actorId, ct);
            if (outcome is PlanOutcome.Refused r) return "Fiche non envoyée : " + r.Reason;
            db.ActivityLog.Add(ActivityLogEntry.For(form.DepartmentId, form.PersonId, actorId, clock.GetUtcNow(), ActivityKind.ResourceCardSent,
                $"Fiche de {form.ResourceName} envoyée par {channel.French()}.", modality: channel.ConsentModality()));
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
