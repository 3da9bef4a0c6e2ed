using System.Globalization;
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

/// <summary>Quick log of a contact that was not a planned interview: a call, an SMS or an e-mail, in or out.</summary>
public sealed class Log(Log.Handler handler, IValidator<Log.Command> validator, TimeProvider clock) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public string FullName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var name = await handler.NameAsync(personId, User, ct);
        if (name is null) return NotFound();
        FullName = name;
        Input.OccurredAt = FrenchTime.ToLocal(clock.GetUtcNow()).ToString(Command.DateTimeFormat, CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var name = await handler.NameAsync(personId, User, ct);
        if (name is null) return NotFound();
        FullName = name;
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        return await handler.HandleAsync(personId, Input, User.RequiredUserId(), ct) switch
        {
            Outcome.Logged => RedirectWithFlash(personId),
            Outcome.Refused r => this.PageWithError(r.Reason),
            Outcome.Conflict => this.PageWithError(PageModelExtensions.ConcurrencyMessage),
            _ => NotFound(),
        };
    }

    private RedirectToPageResult RedirectWithFlash(Guid personId)
    {
        TempData["flash"] = "Le contact a été noté dans le journal.";
        return RedirectToPage("/Persons/Details", new { id = personId });
    }

    public abstract record Outcome
    {
        public sealed record Logged : Outcome;
        public sealed record Refused(string Reason) : Outcome;
        public sealed record Conflict : Outcome;
    }

    /// <summary>
    /// Kind, direction and time are bound as text and parsed by the validator, so a tampered or malformed value
    /// gets a French message next to its field instead of the framework's English binding error.
    /// </summary>
    public sealed class Command
    {
        public const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm";
        public const int SummaryMaxLength = 1000;

        public string? Kind { get; set; }
        public string? Direction { get; set; }
        public string? OccurredAt { get; set; }
        public string? Summary { get; set; }

        public QuickContactKind? ParsedKind => ParseEnum<QuickContactKind>(Kind);
        public ContactDirection? ParsedDirection => ParseEnum<ContactDirection>(Direction);

        /// <summary>Years outside 2000–2100 are refused here: they cannot be a contact and would overflow time zone arithmetic.</summary>
        public DateTime? ParsedLocalTime =>
            DateTime.TryParseExact(OccurredAt?.Trim(), [DateTimeFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            && t.Year is >= 2000 and <= 2100
                ? t : null;

        /// <summary>Names only: "1" or "Call, Sms" would parse as enum values but are not choices of the form.</summary>
        private static T? ParseEnum<T>(string? value) where T : struct, Enum =>
            Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => v.ToString() == value?.Trim());
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
                .Must((c, _) => FrenchTime.FromLocal(c.ParsedLocalTime!.Value) <= clock.GetUtcNow().AddMinutes(1))
                    .WithMessage("Le contact ne peut pas être dans le futur.")
                .Must((c, _) => FrenchTime.FromLocal(c.ParsedLocalTime!.Value) >= clock.GetUtcNow().AddYears(-1))
                    .WithMessage("Un contact de plus d'un an ne se note plus ici.");
            RuleFor(c => c.Summary).Cascade(CascadeMode.Stop)
                .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Résumez le contact en quelques mots.")
                .MaximumLength(Command.SummaryMaxLength).WithMessage($"Le résumé ne peut pas dépasser {Command.SummaryMaxLength} caractères.")
                .Must(TextRules.HasNoControl).WithMessage("Le résumé contient des caractères non autorisés.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate)
    {
        public async Task<string?> NameAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            var reference = await gate.FindAsync(personId, ct);
            // Another department, or a worker outside the person's team: the same 404 as a missing file.
            if (reference is null || !await gate.AllowsAsync(user, reference, PersonOperation.Edit)) return null;
            return await db.Persons.Where(p => p.Id == personId).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
        }

        public async Task<Outcome?> HandleAsync(Guid personId, Command command, Guid actorId, CancellationToken ct)
        {
            var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) return null;
            var kind = command.ParsedKind!.Value;
            var direction = command.ParsedDirection!.Value;
            var at = FrenchTime.FromLocal(command.ParsedLocalTime!.Value);
            var modality = ModalityOf(kind);

            // Only a contact the worker initiates needs the person's consent to the modality: an incoming call or
            // SMS is the person's own choice and is always recorded. E-mail has no consent of its own in this model
            // (consent covers phone, audio conference, video and SMS), so it is recorded in both directions.
            if (direction == ContactDirection.Outgoing && modality is { } m)
            {
                var history = await db.Consents.AsNoTracking().Where(c => c.PersonId == personId && c.Modality == m).ToListAsync(ct);
                var rule = ConsentPolicy.MayContact(history, m, at);
                if (!rule.Allowed) return new Outcome.Refused(rule.Reason!);
            }

            var summary = command.Summary!.Trim();
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, actorId, at, ActivityKind.ContactLogged,
                $"{Label(kind, direction)} : {summary}", modality: modality));
            person.RecordContact(at);
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

        public static Modality? ModalityOf(QuickContactKind kind) => kind switch
        {
            QuickContactKind.Call => Modality.Phone,
            QuickContactKind.Sms => Modality.Sms,
            QuickContactKind.Email => null,
        };

        public static string Label(QuickContactKind kind, ContactDirection direction) => (kind, direction) switch
        {
            (QuickContactKind.Call, ContactDirection.Incoming) => "Appel reçu",
            (QuickContactKind.Call, ContactDirection.Outgoing) => "Appel émis",
            (QuickContactKind.Sms, ContactDirection.Incoming) => "SMS reçu",
            (QuickContactKind.Sms, ContactDirection.Outgoing) => "SMS envoyé",
            (QuickContactKind.Email, ContactDirection.Incoming) => "Courriel reçu",
            (QuickContactKind.Email, ContactDirection.Outgoing) => "Courriel envoyé",
        };
    }
}
