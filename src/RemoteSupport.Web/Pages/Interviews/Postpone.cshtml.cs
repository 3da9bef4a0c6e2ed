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
public sealed class Postpone(Postpone.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public InterviewHeader Header { get; private set; } = default!;
    public SlotCheck? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Header = header;
        Version = header.Version;
        Input.NewTime = LocalDateTime.TimeText(header.ScheduledAt);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = ModelState.IsValid ? await handler.HandleAsync(id, Input, Version, User, ct) : null;
        if (outcome is InterviewAction.Done or InterviewAction.NotFound) return this.Answer(outcome, Page);
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Header = header;
        return outcome is null ? Page() : this.Answer(outcome, Page, c => Confirmation = c);
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

        /// <summary>Checks access itself; the new date is scheduled like any interview, with what still holds carried over.</summary>
        public async Task<InterviewAction> HandleAsync(Guid id, Command command, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeInterviewAsync(user, id, PersonOperation.Edit, ct) is null) return InterviewAction.Missing;
            var interview = await db.Interviews.Include(i => i.Participants).FirstAsync(i => i.Id == id, ct);
            var now = clock.GetUtcNow();
            try
            {
                interview.EnsureCanPostpone();
            }
            catch (DomainRuleException e)
            {
                return new InterviewAction.Refused(e.Message);
            }
            var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == interview.PersonId, ct);
            var consents = await db.ConsentHistoryAsync(person.Id, ct);
            var following = interview.FollowingPlan(new FollowingAppointment
            {
                ScheduledAt = LocalDateTime.ToUtc(command.NewDate, command.NewTime)!.Value,
                KeepParticipants = true,
            }, consents, now);
            var (next, stop, _) = await InterviewScheduler.TryScheduleAsync(db, person, consents, interview.WorkerId, following.Plan,
                command.ConfirmedWarnings, now, ct);
            if (next is null) return stop is InterviewAction.Refused r ? r with { Field = "" } : stop!;

            db.ExpectVersion(interview, version);
            var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
            try
            {
                interview.PostponeTo(next, command.Reason!.Value, comment, now);
            }
            catch (DomainRuleException e)
            {
                return new InterviewAction.Refused(e.Message);
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
                + (following.SmsReminderDropped ? " Le rappel par SMS n'est pas reconduit : la personne n'accepte plus les SMS." : "")
                + (following.FallbackDropped ? " Le plan B n'est pas reconduit : la personne n'accepte plus cette modalité." : "");
            return await db.SaveAsync(new InterviewAction.Done(flash, next.Id), ct);
        }
    }
}
