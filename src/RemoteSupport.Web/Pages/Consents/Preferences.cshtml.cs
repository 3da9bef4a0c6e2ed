using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Consents;

/// <summary>
/// The person's contact preferences: modalities in order of preference (a rank per modality, no drag and drop),
/// days, time window, a short note and the agreed contact frequency.
/// </summary>
public sealed class Preferences(Preferences.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    /// <summary>The person's version when the form was loaded (bound as text: a tampered value is a conflict, not a 500).</summary>
    [BindProperty] public string? Version { get; set; }
    public Handler.Subject Person { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var subject = await handler.LoadAsync(personId, User, ct);
        if (subject is null) return NotFound();
        Person = subject;
        Input = subject.Current;
        Version = subject.Version.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var subject = await handler.LoadAsync(personId, User, ct);
        if (subject is null) return NotFound();
        Person = subject;
        if (!ModelState.IsValid) return Page();
        switch (await handler.HandleAsync(personId, Input, Version, User, ct))
        {
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Conflict:
                return this.PageWithError(PageModelExtensions.ConcurrencyMessage);
            case Outcome.Unchanged:
                TempData["flash"] = "Aucune préférence n'a changé.";
                break;
            case Outcome.Saved:
                TempData["flash"] = "Les préférences de contact ont été enregistrées.";
                break;
        }
        return RedirectToPage("/Persons/Details", new { id = personId });
    }

    public enum Outcome { Saved, Unchanged, Conflict, NotFound }

    public static readonly int RankCount = ModalityText.ContactModalities.Length;

    /// <summary>What the form sends, as typed.</summary>
    public sealed class Command
    {
        /// <summary>Modality name → "" (not preferred) or its rank "1"…"4".</summary>
        public Dictionary<string, string?> Ranks { get; set; } = [];
        /// <summary>ISO days "1" (Monday) … "7" (Sunday).</summary>
        public List<string> Days { get; set; } = [];
        public string? TimeFrom { get; set; }
        public string? TimeUntil { get; set; }
        public string? Note { get; set; }
        public string? FrequencyDays { get; set; }

        public static Command From(AccompaniedPerson p) => new()
        {
            Ranks = ModalityText.ContactModalities.ToDictionary(m => m.ToString(),
                string? (m) => p.PreferredModalities.IndexOf(m) is var i and >= 0 ? (i + 1).ToString(CultureInfo.InvariantCulture) : ""),
            Days = p.PreferredDays.Order().Select(d => d.ToString(CultureInfo.InvariantCulture)).ToList(),
            TimeFrom = LocalDateTime.TimeText(p.PreferredTimeFrom),
            TimeUntil = LocalDateTime.TimeText(p.PreferredTimeUntil),
            Note = p.PreferredContactNote,
            FrequencyDays = p.ContactFrequencyDays.ToString(CultureInfo.InvariantCulture),
        };

        public string RankOf(Modality m) => Ranks.GetValueOrDefault(m.ToString()) ?? "";

        /// <summary>Preferred modalities, first choice first. Call only on validated input.</summary>
        public List<Modality> OrderedModalities() =>
            Ranks.Where(r => !string.IsNullOrWhiteSpace(r.Value))
                .Select(r => (Modality: FormEnum.OrNull<Modality>(r.Key)!.Value, Rank: int.Parse(r.Value!, CultureInfo.InvariantCulture)))
                .OrderBy(r => r.Rank)
                .Select(r => r.Modality)
                .ToList();

        public List<int> IsoDays() => Days.Select(d => int.Parse(d, CultureInfo.InvariantCulture)).Distinct().Order().ToList();

        public static TimeOnly? Time(string? value) => LocalDateTime.TryTime(value, out var t) ? t : null;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        private static bool IsRank(string? value) =>
            string.IsNullOrWhiteSpace(value) || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r >= 1 && r <= RankCount);

        public Validator()
        {
            RuleFor(c => c.Ranks).Custom((ranks, context) =>
            {
                if (ranks.Keys.Any(k => FormEnum.OrNull<Modality>(k) is not { } m || !m.IsContact()))
                    context.AddFailure(nameof(Command.Ranks), "Une des modalités envoyées n'existe pas : rechargez la page.");
                else if (ranks.Values.Any(v => !IsRank(v)))
                    context.AddFailure(nameof(Command.Ranks), "Choisissez pour chaque modalité un rang de la liste, ou « pas de préférence ».");
                else if (ranks.Values.Where(v => !string.IsNullOrWhiteSpace(v)).GroupBy(v => v!.Trim()).FirstOrDefault(g => g.Count() > 1) is { } twice)
                    context.AddFailure(nameof(Command.Ranks),
                        $"Plusieurs modalités sont au rang {twice.Key} : donnez un rang différent à chacune.");
            });
            RuleFor(c => c.Days)
                .Must(days => days.All(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 7))
                .WithMessage("Un des jours choisis n'existe pas : cochez des jours de la liste.");
            RuleFor(c => c.TimeFrom)
                .Must(v => string.IsNullOrWhiteSpace(v) || LocalDateTime.TryTime(v, out _)).WithMessage("Cette heure n'est pas valide.")
                .Must((c, v) => !string.IsNullOrWhiteSpace(v) || string.IsNullOrWhiteSpace(c.TimeUntil)).WithMessage("Indiquez aussi l'heure de début, ou effacez l'heure de fin.");
            RuleFor(c => c.TimeUntil)
                .Must(v => string.IsNullOrWhiteSpace(v) || LocalDateTime.TryTime(v, out _)).WithMessage("Cette heure n'est pas valide.")
                .Must((c, v) => !string.IsNullOrWhiteSpace(v) || string.IsNullOrWhiteSpace(c.TimeFrom)).WithMessage("Indiquez aussi l'heure de fin, ou effacez l'heure de début.")
                .Must((c, v) => Command.Time(c.TimeFrom) is not { } from || Command.Time(v) is not { } until || from < until)
                .WithMessage("L'heure de fin doit être après l'heure de début.");
            RuleFor(c => c.Note).Cascade(CascadeMode.Stop)
                .MaximumLength(FieldLengths.ContactNote).WithMessage($"La remarque ne peut pas dépasser {FieldLengths.ContactNote} caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("La remarque ne peut contenir ni les signes < et >, ni de caractères invisibles.");
            RuleFor(c => c.FrequencyDays).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez tous les combien de jours vous avez convenu de prendre contact.")
                .Must(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 365)
                .WithMessage("La fréquence convenue est un nombre de jours entre 1 et 365.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public sealed record Subject(Guid Id, string FullName, uint Version, Command Current, IReadOnlyList<ConsentState> Matrix);

        public async Task<Subject?> LoadAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            // Same 404 for a missing person, another department or a file outside the worker's team.
            if (await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == personId, ct);
            var history = await db.ConsentHistoryAsync(personId, ct);
            return new Subject(person.Id, person.FullName, person.Version, Command.From(person), ConsentPolicy.Matrix(history, clock.GetUtcNow()));
        }

        public async Task<Outcome> HandleAsync(Guid personId, Command command, string? version, ClaimsPrincipal user, CancellationToken ct)
        {
            // The write checks access itself: it never relies on the form having been loaded first.
            if (await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is null) return Outcome.NotFound;
            if (!uint.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var expected)) return Outcome.Conflict;
            var person = await db.Persons.FirstAsync(p => p.Id == personId, ct);
            db.Entry(person).Property(p => p.Version).OriginalValue = expected;

            var window = ContactWindow.Create(command.IsoDays(), Command.Time(command.TimeFrom), Command.Time(command.TimeUntil));
            var frequency = int.Parse(command.FrequencyDays!, CultureInfo.InvariantCulture);
            var changed = person.SetContactPreferences(command.OrderedModalities(), window, command.Note, frequency);
            if (changed.Count == 0) return Outcome.Unchanged;

            // The note may be personal: the journal says what changed, not what it says.
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, user.RequiredUserId(), clock.GetUtcNow(), ActivityKind.ContactPreferencesUpdated,
                $"Préférences de contact modifiées : {string.Join(", ", changed)}."));
            try
            {
                await db.SaveChangesAsync(ct);
                return Outcome.Saved;
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Conflict;
            }
        }
    }
}
