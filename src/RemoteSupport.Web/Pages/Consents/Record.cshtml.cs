using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Consents;

/// <summary>Records one answer of a person about one modality. Answers are added to the history, never overwritten.</summary>
public sealed class Record(Record.Handler handler, IValidator<Record.Command> validator, TimeProvider clock) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public Handler.Subject Person { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid personId, string? modality, CancellationToken ct)
    {
        var subject = await handler.LoadAsync(personId, User, ct);
        if (subject is null) return NotFound();
        Person = subject;
        // The matrix links here with ?modality=Video; an unknown value simply preselects nothing.
        Input = new Command
        {
            Modality = Enum.TryParse<Modality>(modality, ignoreCase: true, out var m) && FormValues.IsEnum<Modality>(m.ToString()) ? m.ToString() : "",
            DecidedAt = FormValues.LocalInput(clock.GetUtcNow()),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var subject = await handler.LoadAsync(personId, User, ct);
        if (subject is null) return NotFound();
        Person = subject;
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        var outcome = await handler.HandleAsync(subject, Input, User.RequiredUserId(), ct);
        if (outcome.Refusal is not null) return this.PageWithError(outcome.Refusal);
        TempData["flash"] = $"La réponse a été enregistrée. {outcome.State!.Modality.FrenchTitle()} : {ConsentDisplay.Describe(outcome.State)}.";
        return RedirectToPage("/Persons/Details", new { id = personId });
    }

    /// <summary>What the form sends, as typed: parsed by <see cref="FormValues"/> once the validator has accepted it.</summary>
    public sealed class Command
    {
        public string? Modality { get; set; }
        public string? Decision { get; set; }
        /// <summary>Local time in Europe/Paris, as a datetime-local field sends it.</summary>
        public string? DecidedAt { get; set; }
        public string? Method { get; set; }
        public string? Comment { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Modality).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choisissez la modalité concernée.")
                .Must(FormValues.IsEnum<Modality>).WithMessage("Cette modalité n'existe pas : choisissez-en une dans la liste.");
            RuleFor(c => c.Decision).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez la réponse de la personne.")
                .Must(FormValues.IsEnum<ConsentDecision>).WithMessage("Cette réponse n'existe pas : choisissez accordé, refusé ou retiré.");
            RuleFor(c => c.DecidedAt).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez la date et l'heure de la réponse.")
                .Must(v => FormValues.TryLocalDateTime(v, out _)).WithMessage("Cette date ou cette heure n'est pas valide.")
                // The year is checked on the local value first: converting year 0001 to UTC would fall off the calendar.
                .Must(v => FormValues.TryLocalDateTime(v, out var local) && local.Year >= 2000).WithMessage("Cette date semble erronée : vérifiez l'année.")
                .Must(v => FormValues.UtcFromLocal(v) <= clock.GetUtcNow()).WithMessage("La réponse ne peut pas être datée dans le futur.");
            RuleFor(c => c.Method).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez comment la réponse a été recueillie.")
                .Must(FormValues.IsEnum<ConsentMethod>).WithMessage("Cette façon de recueillir la réponse n'existe pas : choisissez-en une dans la liste.");
            RuleFor(c => c.Comment).Cascade(CascadeMode.Stop)
                .MaximumLength(ConsentRecord.CommentMaxLength).WithMessage($"Le commentaire ne peut pas dépasser {ConsentRecord.CommentMaxLength} caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("Le commentaire ne peut contenir ni les signes < et >, ni de caractères invisibles.");
        }
    }

    public sealed record Outcome(string? Refusal, ConsentState? State);

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock, RemoteSupport.Web.Messaging.MessagePlanner messages)
    {
        public sealed record Subject(Guid Id, int DepartmentId, string FullName, IReadOnlyList<ConsentState> Matrix);

        public async Task<Subject?> LoadAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            var reference = await gate.FindAsync(personId, ct);
            // Another department, another team, or no such person: the same 404, nothing is learnt about the file.
            if (reference is null || !await gate.AllowsAsync(user, reference, PersonOperation.Edit)) return null;
            var name = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
            var matrix = await db.ConsentMatrixAsync(personId, clock.GetUtcNow(), ct);
            return new Subject(personId, reference.DepartmentId, name, matrix);
        }

        public async Task<Outcome> HandleAsync(Subject person, Command command, Guid actorId, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var record = new ConsentRecord
            {
                DepartmentId = person.DepartmentId,
                PersonId = person.Id,
                Modality = FormValues.EnumOrNull<Modality>(command.Modality)!.Value,
                Decision = FormValues.EnumOrNull<ConsentDecision>(command.Decision)!.Value,
                DecidedAt = FormValues.UtcFromLocal(command.DecidedAt)!.Value,
                Method = FormValues.EnumOrNull<ConsentMethod>(command.Method)!.Value,
                RecordedById = actorId,
                RecordedAt = now,
                Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(),
            };
            var history = await db.ConsentHistoryAsync(person.Id, ct);
            var verdict = ConsentPolicy.MayRecord(history, record);
            if (!verdict.Allowed) return new Outcome(verdict.Reason, null);

            db.Consents.Add(record);
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, actorId, now, ActivityKind.ConsentRecorded,
                record.JournalDescription(), modality: record.Modality));
            await messages.ConsentRecordedAsync(record, ct);
            await db.SaveChangesAsync(ct);
            return new Outcome(null, ConsentPolicy.StateAt([.. history, record], record.Modality, now));
        }
    }
}
