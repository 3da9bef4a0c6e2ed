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
public sealed class Record(Record.Handler handler, TimeProvider clock) : PageModel
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
            Modality = Enum.TryParse<Modality>(modality, ignoreCase: true, out var m) && FormEnum.Is<Modality>(m.ToString()) ? m.ToString() : "",
            DecidedAt = LocalDateTime.DateTimeText(clock.GetUtcNow()),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var subject = await handler.LoadAsync(personId, User, ct);
        if (subject is null) return NotFound();
        Person = subject;
        if (!ModelState.IsValid) return Page();
        return await handler.HandleAsync(personId, Input, User, ct) switch
        {
            Outcome.Recorded r => RedirectWithFlash(personId, r.State),
            Outcome.Refused r => this.PageWithError(r.Reason),
            _ => NotFound(),
        };
    }

    private RedirectToPageResult RedirectWithFlash(Guid personId, ConsentState state)
    {
        TempData["flash"] = $"La réponse a été enregistrée. {state.Modality.FrenchTitle()} : {state.Describe()}.";
        return RedirectToPage("/Persons/Details", new { id = personId });
    }

    /// <summary>What the form sends, as typed: parsed by <see cref="FormEnum"/> and <see cref="LocalDateTime"/> once the validator has accepted it.</summary>
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
                .Must(FormEnum.Is<Modality>).WithMessage("Cette modalité n'existe pas : choisissez-en une dans la liste.");
            RuleFor(c => c.Decision).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez la réponse de la personne.")
                .Must(FormEnum.Is<ConsentDecision>).WithMessage("Cette réponse n'existe pas : choisissez accordé, refusé ou retiré.");
            RuleFor(c => c.DecidedAt).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez la date et l'heure de la réponse.")
                .Must(v => LocalDateTime.TryDateTime(v, out _)).WithMessage("Cette date ou cette heure n'est pas valide.")
                // The year is checked on the local value first: converting year 0001 to UTC would fall off the calendar.
                .Must(v => LocalDateTime.TryDateTime(v, out var local) && local.Year >= 2000).WithMessage("Cette date semble erronée : vérifiez l'année.")
                .Must(v => LocalDateTime.ToUtc(v) <= clock.GetUtcNow()).WithMessage("La réponse ne peut pas être datée dans le futur.");
            RuleFor(c => c.Method).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez comment la réponse a été recueillie.")
                .Must(FormEnum.Is<ConsentMethod>).WithMessage("Cette façon de recueillir la réponse n'existe pas : choisissez-en une dans la liste.");
            RuleFor(c => c.Comment).Cascade(CascadeMode.Stop)
                .MaximumLength(ConsentRecord.CommentMaxLength).WithMessage($"Le commentaire ne peut pas dépasser {ConsentRecord.CommentMaxLength} caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("Le commentaire ne peut contenir ni les signes < et >, ni de caractères invisibles.");
        }
    }

    public abstract record Outcome
    {
        public sealed record Recorded(ConsentState State) : Outcome;
        public sealed record Refused(string Reason) : Outcome;
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock, RemoteSupport.Web.Messaging.MessagePlanner messages)
    {
        public sealed record Subject(Guid Id, int DepartmentId, string FullName, IReadOnlyList<ConsentState> Matrix);

        public async Task<Subject?> LoadAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            // Another department, another team, or no such person: the same 404, nothing is learnt about the file.
            var reference = await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct);
            if (reference is null) return null;
            var name = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
            var history = await db.ConsentHistoryAsync(personId, ct);
            return new Subject(personId, reference.DepartmentId, name, ConsentPolicy.Matrix(history, clock.GetUtcNow()));
        }

        /// <returns>Null when the person cannot be reached by this user (404).</returns>
        public async Task<Outcome?> HandleAsync(Guid personId, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            // The write checks access itself: it never relies on the form having been loaded first.
            var person = await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct);
            if (person is null) return null;
            var now = clock.GetUtcNow();
            var actorId = user.RequiredUserId();
            var history = await db.ConsentHistoryAsync(person.Id, ct);
            ConsentRecord record;
            try
            {
                record = ConsentRecord.Record(history, person.DepartmentId, person.Id,
                    FormEnum.OrNull<Modality>(command.Modality)!.Value, FormEnum.OrNull<ConsentDecision>(command.Decision)!.Value,
                    LocalDateTime.ToUtc(command.DecidedAt)!.Value, FormEnum.OrNull<ConsentMethod>(command.Method)!.Value, actorId, now, command.Comment);
            }
            catch (DomainRuleException e)
            {
                return new Outcome.Refused(e.Message);
            }

            db.Consents.Add(record);
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, actorId, now, ActivityKind.ConsentRecorded,
                record.JournalDescription(), modality: record.Modality));
            await messages.ConsentRecordedAsync(record, ct);
            await db.SaveChangesAsync(ct);
            return new Outcome.Recorded(ConsentPolicy.StateAt([.. history, record], record.Modality, now));
        }
    }
}
