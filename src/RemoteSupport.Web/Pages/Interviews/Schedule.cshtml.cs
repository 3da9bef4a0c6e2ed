using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>Schedules a remote interview for a person: every consent is checked, unusual slots are confirmed.</summary>
public sealed class Schedule(Schedule.Handler handler) : PageModel
{
    public const int BlankParticipantRows = 3;

    [BindProperty] public Command Input { get; set; } = new();
    public Handler.Form Form { get; private set; } = default!;
    public SlotCheck? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var form = await handler.FormAsync(personId, User, ct);
        if (form is null) return NotFound();
        Form = form;
        Input.FallbackPhone = form.PersonPhone;
        return PaddedPage();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var posted = await handler.HandleAsync(personId, Input, ModelState.IsValid, User, ct);
        if (posted is null) return NotFound();
        // A consent refusal is shown with the field errors, not only once they are fixed.
        foreach (var refusal in posted.ConsentRefusals) ModelState.AddModelError("", refusal);
        if (posted.Form is { } form) Form = form;
        return posted.Outcome is null ? PaddedPage() : this.Answer(posted.Outcome, PaddedPage, c => Confirmation = c);
    }

    /// <summary>Without JavaScript, a few blank participant rows let the worker add people without another round trip.</summary>
    private PageResult PaddedPage()
    {
        FormRows.Pad(Input.Participants, p => p.IsBlank, BlankParticipantRows, Interview.MaxParticipants);
        return Page();
    }

    public sealed class Command
    {
        public Modality? Modality { get; set; }
        public string? Date { get; set; }
        public string? Time { get; set; }
        public int? DurationMinutes { get; set; } = 45;
        public string? Objectives { get; set; }
        public Guid? VideoToolId { get; set; }
        public Modality? FallbackModality { get; set; }
        public string? FallbackPhone { get; set; }
        public bool SendSmsReminder { get; set; }
        /// <summary>Issue 13: whether to send the invitation e-mail, and what it says about joining.</summary>
        public RemoteSupport.Web.Messaging.InvitationInput Invitation { get; set; } = new();
        public List<ParticipantInput> Participants { get; set; } = [];
        /// <summary>The warnings the worker saw and confirmed (see <see cref="SlotCheck"/>).</summary>
        public string? ConfirmedWarnings { get; set; }

        public IEnumerable<ParticipantInput> FilledParticipants => Participants.Where(p => !p.IsBlank);
    }

    public sealed class ParticipantInput
    {
        public string? Name { get; set; }
        public ParticipantRelation? Relation { get; set; }
        public bool PersonAgreed { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && Relation is null && !PersonAgreed;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Modality).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choisissez la modalité de l'entretien.")
                .Must(m => ModalityText.InterviewModalities.Contains(m!.Value))
                .WithMessage("Un entretien se fait par téléphone, par audioconférence ou par visioconférence.");
            this.AddSlotRules(c => c.Date, c => c.Time, clock);
            RuleFor(c => c.DurationMinutes).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Indiquez la durée annoncée, en minutes.")
                .InclusiveBetween(Interview.MinDurationMinutes, Interview.MaxDurationMinutes).WithMessage(Interview.DurationRule);
            RuleFor(c => c.Objectives).FreeText("Les objectifs", 2000, required: "Indiquez les objectifs : la personne doit savoir de quoi vous allez parler.", plural: true);
            RuleFor(c => c.VideoToolId)
                .NotNull().When(c => c.Modality == Domain.Common.Modality.Video)
                .WithMessage("Choisissez l'outil de visioconférence parmi ceux que le département a validés.");
            RuleFor(c => c.FallbackModality)
                .Must(m => m is null || ModalityText.FallbackModalities.Contains(m.Value))
                .WithMessage("Le plan B passe à l'audioconférence ou au téléphone.")
                .Must((c, m) => m is null || m != c.Modality)
                .WithMessage("Le plan B doit utiliser une autre modalité que l'entretien lui-même.");
            RuleFor(c => c.FallbackPhone).Cascade(CascadeMode.Stop)
                .NotEmpty().When(c => c.FallbackModality is not null).WithMessage("Indiquez le numéro à appeler si la connexion échoue.")
                .Must(PhoneNumbers.IsValid).WithMessage("Saisissez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78.");
            RuleFor(c => c.FilledParticipants.Count()).LessThanOrEqualTo(Interview.MaxParticipants)
                .OverridePropertyName(nameof(Command.Participants))
                .WithMessage("Un entretien accueille au plus 6 autres participants.");
            // A blank row is simply ignored; a row with anything in it must be complete.
            RuleForEach(c => c.Participants).ChildRules(p =>
            {
                p.When(x => !x.IsBlank, () =>
                {
                    p.RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
                        .NotEmpty().WithMessage("Indiquez le nom du participant, ou videz la ligne.")
                        .MaximumLength(120).WithMessage("Le nom ne peut pas dépasser 120 caractères.")
                        .Must(TextRules.IsPlainName).WithMessage("Le nom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.");
                    p.RuleFor(x => x.Relation).Cascade(CascadeMode.Stop)
                        .NotNull().WithMessage("Choisissez le lien du participant avec la personne.")
                        .IsInEnum().WithMessage("Choisissez le lien du participant avec la personne.");
                });
            });
            RuleFor(c => c.ConfirmedWarnings).MaximumLength(200).WithMessage("Cette valeur n'est pas valide.");
            RuleFor(c => c.Invitation).SetValidator(new RemoteSupport.Web.Messaging.InvitationInput.Validator());
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock, RemoteSupport.Web.Messaging.MessagePlanner messages)
    {
        public sealed record Tool(Guid Id, string Name, string PrivacyNote);

        public sealed record Form(Guid PersonId, string PersonName, string? PersonPhone, bool IsClosed, bool FirstMeetingPending,
            IReadOnlyList<ConsentState> Consents, IReadOnlyList<Tool> Tools, string PreferredTimes)
        {
            public ConsentState ConsentFor(Modality m) => Consents.First(c => c.Modality == m);
        }

        /// <summary>
        /// The answer to a posted form: the outcome (null when the input itself is invalid), the consent refusals to
        /// show with the field errors, and the form to show again (null after a successful save).
        /// </summary>
        public sealed record Posted(InterviewAction? Outcome, IReadOnlyList<string> ConsentRefusals, Form? Form);

        public async Task<Form?> FormAsync(Guid personId, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            // Another department, or a person outside the worker's team: the same 404 as a missing file.
            if (await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == personId, ct);
            return await FormAsync(person, await db.ConsentHistoryAsync(personId, ct), ct);
        }

        private async Task<Form> FormAsync(AccompaniedPerson person, IReadOnlyCollection<ConsentRecord> consents, CancellationToken ct)
        {
            var tools = await db.VideoTools.AsNoTracking()
                .Where(t => t.DepartmentId == person.DepartmentId && t.IsActive)
                .OrderBy(t => t.Name)
                .Select(t => new Tool(t.Id, t.Name, t.PrivacyNote))
                .ToListAsync(ct);
            return new Form(person.Id, person.FullName, person.Phone, person.Status == PersonStatus.Closed,
                person.FirstMeetingPending, ConsentPolicy.Matrix(consents, clock.GetUtcNow()), tools, PreferredTimes(person));
        }

        /// <summary>Checks access itself, then reads the person and their consents once for the whole request.</summary>
        public async Task<Posted?> HandleAsync(Guid personId, Command command, bool inputValid, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == personId, ct);
            var consents = await db.ConsentHistoryAsync(personId, ct);
            var now = clock.GetUtcNow();
            if (!inputValid)
            {
                var refusals = Interview.ConsentRefusals(command.Modality, command.FallbackModality, command.SendSmsReminder,
                    command.FilledParticipants.Where(p => !string.IsNullOrWhiteSpace(p.Name))
                        .Select(p => new ParticipantPlan(p.Name!, p.Relation ?? ParticipantRelation.Other, p.PersonAgreed)),
                    consents, now);
                return new Posted(null, refusals, await FormAsync(person, consents, ct));
            }

            var plan = new InterviewPlan
            {
                Modality = command.Modality!.Value,
                ScheduledAt = LocalDateTime.ToUtc(command.Date, command.Time)!.Value,
                DurationMinutes = command.DurationMinutes!.Value,
                Objectives = command.Objectives ?? "",
                VideoToolId = command.VideoToolId,
                FallbackModality = command.FallbackModality,
                FallbackPhone = PhoneNumbers.Normalize(command.FallbackPhone),
                SendSmsReminder = command.SendSmsReminder,
                Participants = command.FilledParticipants.Select(p => new ParticipantPlan(p.Name!.Trim(), p.Relation!.Value, p.PersonAgreed)).ToList(),
            };
            var (interview, stop, withoutChecklist) = await InterviewScheduler.TryScheduleAsync(db, person, consents, user.RequiredUserId(), plan,
                command.ConfirmedWarnings, now, ct);
            if (interview is null) return new Posted(stop, [], await FormAsync(person, consents, ct));

            db.Interviews.Add(interview);
            db.ActivityLog.Add(ActivityLogEntry.For(interview.DepartmentId, interview.PersonId, user.RequiredUserId(), now,
                ActivityKind.InterviewScheduled, InterviewScheduler.Describe(interview), interview.Id, interview.Modality));
            await messages.InterviewScheduledAsync(interview, command.Invitation, user.RequiredUserId(), person, consents, ct);
            await db.SaveChangesAsync(ct);
            var flash = withoutChecklist
                ? "L'entretien est planifié. Aucune liste de contrôle n'est publiée pour cette modalité : l'entretien n'en a pas."
                : "L'entretien est planifié, avec la liste de contrôle du département.";
            return new Posted(new InterviewAction.Done(flash, interview.Id), [], null);
        }

        // The one describer of a preferred window (the person's page says the same words).
        private static string PreferredTimes(Domain.Persons.AccompaniedPerson p) => p.PreferredWindow.Describe();
    }
}
