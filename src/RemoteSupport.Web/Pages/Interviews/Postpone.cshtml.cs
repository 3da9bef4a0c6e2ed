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

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>
/// Postpones an interview to a new date: the new interview is scheduled like any other (consents checked again, a fresh
/// snapshot of the current checklist) and the old one points to it.
/// </summary>
public sealed class Postpone(Postpone.Handler handler, IValidator<Postpone.Command> validator) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public InterviewHeader Header { get; private set; } = default!;
    public SchedulingOutcome.NeedsConfirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Header = header;
        Version = header.Version;
        Input.NewTime = LocalSlot.TimeText(header.ScheduledAt);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Header = header;
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        switch (await handler.HandleAsync(id, Input, Version, User, ct))
        {
            case InterviewActionOutcome.Done d:
                return this.RedirectWithFlash(d);
            case InterviewActionOutcome.Confirm c:
                Confirmation = c.Warnings;
                return Page();
            case InterviewActionOutcome.Refused r:
                return this.PageWithError(r.Message, r.Field);
            default:
                return NotFound();
        }
    }

    public sealed class Command
    {
        public PostponeReason? Reason { get; set; }
        public string? Comment { get; set; }
        public string? NewDate { get; set; }
        public string? NewTime { get; set; }
        public string? ConfirmedWarnings { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choisissez la raison du report.")
                .IsInEnum().WithMessage("Choisissez la raison du report.");
            RuleFor(c => c.Comment).Cascade(CascadeMode.Stop)
                .NotEmpty().When(c => c.Reason == PostponeReason.Other).WithMessage("Précisez la raison du report.")
                .MaximumLength(1000).WithMessage("Le commentaire ne peut pas dépasser 1 000 caractères.")
                .Must(TextRules.HasNoControl).WithMessage("Le commentaire contient des caractères non autorisés.");
            this.AddSlotRules(c => c.NewDate, c => c.NewTime, clock);
            RuleFor(c => c.ConfirmedWarnings).MaximumLength(200).WithMessage("Cette valeur n'est pas valide.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock, RemoteSupport.Web.Messaging.MessagePlanner messages)
    {
        public Task<InterviewHeader?> HeaderAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            InterviewHeader.LoadAsync(db, gate, user, id, ct);

        public async Task<InterviewActionOutcome> HandleAsync(Guid id, Command command, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var interview = await db.Interviews.Include(i => i.Participants).FirstOrDefaultAsync(i => i.Id == id, ct);
            if (interview is null) return new InterviewActionOutcome.NotFound();
            var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == interview.PersonId, ct);
            var now = clock.GetUtcNow();
            if (!interview.IsOpen) return new InterviewActionOutcome.Refused($"Un entretien « {interview.Status.French()} » ne peut pas être reporté.");

            // The SMS reminder follows only if the person still accepts SMS; everything else is what was agreed.
            var smsStillAllowed = ConsentPolicy.MayContact(await InterviewScheduler.ConsentsAsync(db, person.Id, ct), Modality.Sms, now).Allowed;
            var plan = new InterviewPlan
            {
                Modality = interview.Modality,
                ScheduledAt = LocalSlot.ToUtc(command.NewDate, command.NewTime)!.Value,
                DurationMinutes = interview.DurationMinutes,
                Objectives = interview.Objectives,
                VideoToolId = interview.VideoToolId,
                FallbackModality = interview.FallbackModality,
                FallbackPhone = interview.FallbackPhone,
                SendSmsReminder = interview.SendSmsReminder && smsStillAllowed,
                Participants = interview.Participants.Select(p => new ParticipantPlan(p.Name, p.Relation, p.PersonAgreed)).ToList(),
            };
            var outcome = await InterviewScheduler.TryScheduleAsync(db, person, interview.WorkerId, plan, command.ConfirmedWarnings, now, ct);
            switch (outcome)
            {
                case SchedulingOutcome.Refused r:
                    return new InterviewActionOutcome.Refused(r.Message);
                case SchedulingOutcome.NeedsConfirmation c:
                    return new InterviewActionOutcome.Confirm(c);
            }
            var next = ((SchedulingOutcome.Scheduled)outcome).Interview;

            db.ExpectVersion(interview, version);
            var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
            try
            {
                interview.PostponeTo(next, command.Reason!.Value, comment, now);
            }
            catch (DomainRuleException e)
            {
                return new InterviewActionOutcome.Refused(e.Message);
            }
            db.Interviews.Add(next);
            var actor = user.RequiredUserId();
            db.ActivityLog.Add(ActivityLogEntry.For(interview.DepartmentId, interview.PersonId, actor, now, ActivityKind.InterviewPostponed,
                $"Entretien du {FrenchTime.Format(interview.ScheduledAt)} reporté au {FrenchTime.Format(next.ScheduledAt)}. Raison : {command.Reason.Value.French()}."
                + (comment is null ? "" : $" {comment}"),
                interview.Id, interview.Modality));
            db.ActivityLog.Add(ActivityLogEntry.For(next.DepartmentId, next.PersonId, actor, now, ActivityKind.InterviewScheduled,
                InterviewScheduler.Describe(next) + $" Report de l'entretien du {FrenchTime.Format(interview.ScheduledAt)}.", next.Id, next.Modality));
            await messages.InterviewPostponedAsync(interview, next, actor, ct);
            var flash = "L'entretien est reporté au " + FrenchTime.Format(next.ScheduledAt) + "."
                + (interview.SendSmsReminder && !plan.SendSmsReminder ? " Le rappel par SMS n'est pas reconduit : la personne n'accepte plus les SMS." : "");
            return await db.TrySaveAsync(ct)
                ? new InterviewActionOutcome.Done(flash, next.Id)
                : new InterviewActionOutcome.Refused(InterviewForms.ConcurrencyMessage);
        }
    }
}
