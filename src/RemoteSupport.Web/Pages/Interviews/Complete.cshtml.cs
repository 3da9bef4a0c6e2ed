using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>
/// Records what an interview gave: the summary shared with the team, the author's private note, who does what by when,
/// what to keep for a face-to-face meeting, and the next appointment (scheduled like any interview).
/// </summary>
public sealed class Complete(Complete.Handler handler) : PageModel
{
    public const int BlankFollowUpRows = 3;
    public const int MaxFollowUps = 10;

    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public Handler.Form Form { get; private set; } = default!;
    public SlotCheck? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var form = await handler.FormAsync(id, User, ct);
        if (form is null) return NotFound();
        Form = form;
        Version = form.Header.Version;
        Input.NextModality = form.Header.Modality;
        Input.NextDurationMinutes = form.DurationMinutes;
        Input.NextVideoToolId = form.VideoToolId;
        return PaddedPage();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = ModelState.IsValid ? await handler.HandleAsync(id, Input, Version, User, ct) : null;
        if (outcome is InterviewAction.Done or InterviewAction.NotFound) return this.Answer(outcome, PaddedPage);
        // Loaded after the attempt: a refusal about unticked items must list them as they are now.
        var form = await handler.FormAsync(id, User, ct);
        if (form is null) return NotFound();
        Form = form;
        return outcome is null ? PaddedPage() : this.Answer(outcome, PaddedPage, c => Confirmation = c);
    }

    private PageResult PaddedPage()
    {
        FormRows.Pad(Input.FollowUps, f => f.IsBlank, BlankFollowUpRows, MaxFollowUps);
        return Page();
    }

    public sealed class Command
    {
        public string? Summary { get; set; }
        public string? PrivateNote { get; set; }
        public string? IncompleteChecklistJustification { get; set; }
        public List<FollowUpInput> FollowUps { get; set; } = [];
        public string? FaceToFaceTopics { get; set; }
        public bool FaceToFaceNeeded { get; set; }
        public FaceToFaceReason? FaceToFaceReason { get; set; }
        public string? NextDate { get; set; }
        public string? NextTime { get; set; }
        public Modality? NextModality { get; set; }
        public int? NextDurationMinutes { get; set; }
        public Guid? NextVideoToolId { get; set; }
        public string? NextObjectives { get; set; }
        public string? ConfirmedWarnings { get; set; }

        public bool PlansNext => !string.IsNullOrWhiteSpace(NextDate) || !string.IsNullOrWhiteSpace(NextTime);
        public IEnumerable<FollowUpInput> FilledFollowUps => FollowUps.Where(f => !f.IsBlank);
    }

    public sealed class FollowUpInput
    {
        public string? Who { get; set; }
        public string? What { get; set; }
        public string? DueOn { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Who) && string.IsNullOrWhiteSpace(What) && string.IsNullOrWhiteSpace(DueOn);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Summary).FreeText("Le compte rendu", 8000, required: "Rédigez le compte rendu partagé avec l'équipe.");
            RuleFor(c => c.PrivateNote).FreeText("La note privée", 8000);
            RuleFor(c => c.IncompleteChecklistJustification).FreeText("L'explication", 1000);
            RuleFor(c => c.FaceToFaceTopics).FreeText("Les sujets", 2000, plural: true);
            RuleFor(c => c.FaceToFaceReason).Cascade(CascadeMode.Stop)
                .NotNull().When(c => c.FaceToFaceNeeded).WithMessage("Indiquez pourquoi une rencontre physique est nécessaire.")
                .IsInEnum().WithMessage("Choisissez le motif de la rencontre physique dans la liste.");
            RuleFor(c => c.FilledFollowUps.Count()).LessThanOrEqualTo(MaxFollowUps)
                .OverridePropertyName(nameof(Command.FollowUps)).WithMessage("Dix suites à donner au plus par entretien.");
            // A blank row is ignored; a row with anything in it must say who, what and by when.
            RuleForEach(c => c.FollowUps).ChildRules(f =>
            {
                f.When(x => !x.IsBlank, () =>
                {
                    f.RuleFor(x => x.Who).Cascade(CascadeMode.Stop)
                        .NotEmpty().WithMessage("Indiquez qui s'en charge.")
                        .MaximumLength(120).WithMessage("« Qui » ne peut pas dépasser 120 caractères.")
                        .Must(TextRules.HasNoMarkupOrControl).WithMessage("« Qui » contient des caractères non autorisés.");
                    f.RuleFor(x => x.What).FreeText("« Quoi »", 500, required: "Indiquez ce qu'il faut faire.");
                    f.RuleFor(x => x.DueOn).Cascade(CascadeMode.Stop)
                        .NotEmpty().WithMessage("Indiquez pour quand.")
                        .Must(d => LocalDateTime.TryDate(d, out _)).WithMessage("Saisissez une date qui existe, par exemple 24/11/2026.")
                        .Must(d => LocalDateTime.TryDate(d, out var due) && due >= FrenchTime.Today(clock)).WithMessage("Cette date est déjà passée.")
                        .Must(d => LocalDateTime.TryDate(d, out var due) && due <= FrenchTime.Today(clock).AddYears(2))
                        .WithMessage("Choisissez une date dans les deux ans qui viennent.");
                });
            });
            this.AddSlotRules(c => c.NextDate, c => c.NextTime, clock, c => c.PlansNext);
            When(c => c.PlansNext, () =>
            {
                RuleFor(c => c.NextModality).Cascade(CascadeMode.Stop)
                    .NotNull().WithMessage("Choisissez la modalité du prochain rendez-vous.")
                    .Must(m => ModalityText.InterviewModalities.Contains(m!.Value))
                    .WithMessage("Un entretien se fait par téléphone, par audioconférence ou par visioconférence.");
                RuleFor(c => c.NextDurationMinutes).Cascade(CascadeMode.Stop)
                    .NotNull().WithMessage("Indiquez la durée annoncée, en minutes.")
                    .InclusiveBetween(Interview.MinDurationMinutes, Interview.MaxDurationMinutes).WithMessage(Interview.DurationRule);
                RuleFor(c => c.NextVideoToolId)
                    .NotNull().When(c => c.NextModality == Modality.Video)
                    .WithMessage("Choisissez l'outil de visioconférence parmi ceux que le département a validés.");
            });
            RuleFor(c => c.NextObjectives).FreeText("Les objectifs", 2000, plural: true);
            RuleFor(c => c.ConfirmedWarnings).MaximumLength(200).WithMessage("Cette valeur n'est pas valide.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public sealed record MissingItem(ChecklistPhase Phase, string Text);

        public sealed record Form(InterviewHeader Header, bool IsAuthor, int DurationMinutes, Guid? VideoToolId,
            IReadOnlyList<MissingItem> MissingRequired, IReadOnlyList<Schedule.Handler.Tool> Tools, bool CompletionPossible)
        {
            public bool IsOpen => Header.Status.IsOpen();
        }

        public async Task<Form?> FormAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var header = await InterviewHeader.LoadAsync(db, gate, user, id, ct);
            if (header is null) return null;
            var details = await db.Interviews.AsNoTracking().Where(i => i.Id == id)
                .Select(i => new
                {
                    i.DurationMinutes, i.VideoToolId, i.DepartmentId,
                    Missing = i.Checklist
                        .Where(c => c.Required && c.CheckedAt == null && (c.Phase == ChecklistPhase.Before || c.Phase == ChecklistPhase.During))
                        .Select(c => new { c.Phase, c.Order, c.Text }).ToList(),
                })
                .FirstAsync(ct);
            var tools = await db.VideoTools.AsNoTracking()
                .Where(t => t.DepartmentId == details.DepartmentId && t.IsActive)
                .OrderBy(t => t.Name)
                .Select(t => new Schedule.Handler.Tool(t.Id, t.Name, t.PrivacyNote))
                .ToListAsync(ct);
            var missing = details.Missing.OrderBy(m => m.Phase).ThenBy(m => m.Order).Select(m => new MissingItem(m.Phase, m.Text)).ToList();
            // The private note belongs to the interview's worker: only they are offered the field.
            return new Form(header, header.WorkerId == user.RequiredUserId(), details.DurationMinutes, details.VideoToolId, missing, tools,
                InterviewStatusRules.CompletionPossible(header.Status, header.ScheduledAt, clock.GetUtcNow()));
        }

        /// <summary>Checks access itself; reads the interview, the person and the consents once.</summary>
        public async Task<InterviewAction> HandleAsync(Guid id, Command command, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeInterviewAsync(user, id, PersonOperation.Edit, ct) is null) return InterviewAction.Missing;
            var interview = await db.Interviews.Include(i => i.Checklist).Include(i => i.Participants).AsSplitQuery().FirstAsync(i => i.Id == id, ct);
            var person = await db.Persons.FirstAsync(p => p.Id == interview.PersonId, ct);
            var consents = await db.ConsentHistoryAsync(person.Id, ct);
            var actor = user.RequiredUserId();
            var now = clock.GetUtcNow();
            db.ExpectVersion(interview, version);

            var outcome = new InterviewOutcome(
                command.Summary ?? "",
                interview.WorkerId == actor ? command.PrivateNote : null,
                command.FaceToFaceTopics,
                command.FaceToFaceNeeded,
                command.FaceToFaceReason,
                command.IncompleteChecklistJustification);
            try
            {
                interview.Complete(outcome, now, consents);
            }
            catch (DomainRuleException e)
            {
                return new InterviewAction.Refused(e.Message);
            }

            Interview? next = null;
            if (command.PlansNext)
            {
                // The next appointment is an interview like any other: consents are checked again, and it gets today's checklist.
                var following = interview.FollowingPlan(new FollowingAppointment
                {
                    ScheduledAt = LocalDateTime.ToUtc(command.NextDate, command.NextTime)!.Value,
                    Modality = command.NextModality!.Value,
                    DurationMinutes = command.NextDurationMinutes!.Value,
                    Objectives = string.IsNullOrWhiteSpace(command.NextObjectives)
                        ? $"Suite de l'entretien du {FrenchTime.FormatDate(interview.ScheduledAt)}."
                        : command.NextObjectives,
                    VideoToolId = command.NextVideoToolId,
                }, consents, now);
                var (scheduled, stop, _) = await InterviewScheduler.TryScheduleAsync(db, person, consents, interview.WorkerId, following.Plan,
                    command.ConfirmedWarnings, now, ct, videoToolField: "Input.NextVideoToolId");
                if (scheduled is null) return stop!;
                next = scheduled;
                interview.PlanNext(next);
                db.Interviews.Add(next);
            }

            var actions = command.FilledFollowUps.Select(f => FollowUpAction.Decide(interview, f.Who!, f.What!,
                LocalDateTime.TryDate(f.DueOn, out var due) ? due : FrenchTime.Today(clock))).ToList();
            db.FollowUpActions.AddRange(actions);
            person.RecordContact(now);

            // The journal says what was done, never the private note.
            var description = $"Entretien par {interview.CurrentModality.French()} réalisé."
                + (actions.Count > 0 ? $" Suites à donner : {actions.Count}." : "")
                + (interview.FaceToFaceNeeded ? $" Rencontre physique nécessaire : {interview.FaceToFaceReason!.Value.French()}." : "")
                + (interview.IncompleteChecklistJustification is null ? "" : " Liste de contrôle incomplète, avec explication.");
            db.ActivityLog.Add(ActivityLogEntry.For(interview.DepartmentId, interview.PersonId, actor, now, ActivityKind.InterviewCompleted,
                description, interview.Id, interview.CurrentModality));
            if (next is not null)
                db.ActivityLog.Add(ActivityLogEntry.For(next.DepartmentId, next.PersonId, actor, now, ActivityKind.InterviewScheduled,
                    InterviewScheduler.Describe(next) + " Prochain rendez-vous fixé en fin d'entretien.", next.Id, next.Modality));

            var flash = next is null
                ? "Le compte rendu est enregistré."
                : $"Le compte rendu est enregistré et le prochain rendez-vous est planifié le {FrenchTime.Format(next.ScheduledAt)}.";
            return await db.SaveAsync(new InterviewAction.Done(flash, interview.Id), ct);
        }
    }
}
