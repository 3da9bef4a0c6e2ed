using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Contacts;

/// <summary>
/// Quick log of a contact that was not a planned interview: a call, an SMS or an e-mail, in or out. The rules (consent
/// for an outgoing contact, the department's « période sans SMS ») are <see cref="QuickContact"/>'s; this page turns
/// its verdict into French next to the form.
/// </summary>
public sealed class Log(Log.Handler handler, TimeProvider clock) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public string FullName { get; private set; } = "";
    /// <summary>Shown when an outgoing SMS falls in the department's quiet period and is not confirmed yet.</summary>
    public string? QuietTimeWarning { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var name = await handler.NameAsync(personId, User, ct);
        if (name is null) return NotFound();
        FullName = name;
        Input.OccurredAt = LocalDateTime.DateTimeText(clock.GetUtcNow());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var name = await handler.NameAsync(personId, User, ct);
        if (name is null) return NotFound();
        FullName = name;
        if (!ModelState.IsValid) return Page();
        switch (await handler.HandleAsync(personId, Input, User, ct))
        {
            case Outcome.Logged:
                TempData["flash"] = "Le contact a été noté dans le journal.";
                return RedirectToPage("/Persons/Details", new { id = personId });
            case Outcome.Refused r:
                return this.PageWithError(r.Reason);
            case Outcome.ConfirmQuietTime c:
                QuietTimeWarning = c.Warning;
                ModelState.AddModelError("Input.ConfirmQuietTime", c.Warning);
                return Page();
            case Outcome.Conflict:
                return this.PageWithError(PageModelExtensions.ConcurrencyMessage);
            default:
                return NotFound();
        }
    }

    public abstract record Outcome
    {
        public sealed record Logged : Outcome;
        public sealed record Refused(string Reason) : Outcome;
        public sealed record ConfirmQuietTime(string Warning) : Outcome;
        public sealed record Conflict : Outcome;
    }

    /// <summary>
    /// Kind, direction and time are bound as text and parsed by the validator (<see cref="FormEnum"/>,
    /// <see cref="LocalDateTime"/>), so a tampered or malformed value gets a French message next to its field.
    /// </summary>
    public sealed class Command
    {
        public string? Kind { get; set; }
        public string? Direction { get; set; }
        public string? OccurredAt { get; set; }
        public string? Summary { get; set; }
        /// <summary>The worker confirms an outgoing SMS sent inside the department's quiet period.</summary>
        public bool ConfirmQuietTime { get; set; }

        public QuickContactKind? ParsedKind => FormEnum.OrNull<QuickContactKind>(Kind);
        public ContactDirection? ParsedDirection => FormEnum.OrNull<ContactDirection>(Direction);

        /// <summary>Years outside 2000–2100 are refused here: they cannot be a contact and would overflow time zone arithmetic.</summary>
        public DateTime? ParsedLocalTime =>
            LocalDateTime.TryDateTime(OccurredAt, out var t) && LocalDateTime.IsPlausibleYear(t.Year) ? t : null;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Kind).Must((c, _) => c.ParsedKind is not null).WithMessage("Choisissez le type de contact : appel, SMS ou courriel.");
            RuleFor(c => c.Direction).Must((c, _) => c.ParsedDirection is not null).WithMessage("Indiquez si le contact a été reçu ou émis.");
            RuleFor(c => c.OccurredAt).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez la date et l'heure du contact.")
                .Must((c, _) => c.ParsedLocalTime is not null).WithMessage("Saisissez une date et une heure valides, par exemple 24/11/2026 à 14:30.")
                .Must((c, _) => LocalDateTime.ToUtc(c.ParsedLocalTime!.Value) <= clock.GetUtcNow().AddMinutes(1))
                    .WithMessage("Le contact ne peut pas être dans le futur.")
                .Must((c, _) => LocalDateTime.ToUtc(c.ParsedLocalTime!.Value) >= clock.GetUtcNow().AddYears(-1))
                    .WithMessage("Un contact de plus d'un an ne se note plus ici.");
            RuleFor(c => c.Summary).FreeText("Le résumé", FieldLengths.ContactSummary, required: "Résumez le contact en quelques mots.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate)
    {
        public async Task<string?> NameAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            // Another department, or a worker outside the person's team: the same 404 as a missing file.
            if (await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is null) return null;
            return await db.Persons.Where(p => p.Id == personId).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
        }

        /// <returns>Null when the person cannot be reached by this user (404).</returns>
        public async Task<Outcome?> HandleAsync(Guid personId, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            // The write checks access itself: it never relies on the form having been loaded first.
            if (await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) return null;
            var department = await db.Departments.AsNoTracking().FirstAsync(d => d.Id == person.DepartmentId, ct);
            var contact = new QuickContact(command.ParsedKind!.Value, command.ParsedDirection!.Value,
                LocalDateTime.ToUtc(command.ParsedLocalTime!.Value), command.Summary!);
            List<ConsentRecord> history = contact.Modality is null ? [] : await db.ConsentHistoryAsync(personId, ct);

            switch (contact.Check(history, department, command.ConfirmQuietTime))
            {
                case QuickContactVerdict.Refused r: return new Outcome.Refused(r.Reason);
                case QuickContactVerdict.NeedsQuietTimeConfirmation q: return new Outcome.ConfirmQuietTime(q.Warning);
                case QuickContactVerdict.Allowed: break;
            }

            db.ActivityLog.Add(contact.ToJournal(person.DepartmentId, person.Id, user.RequiredUserId(), department));
            person.RecordContact(contact.At);
            try
            {
                await db.SaveChangesAsync(ct);
                return new Outcome.Logged();
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Outcome.Conflict();
            }
        }
    }
}
