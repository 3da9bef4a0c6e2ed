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
/// The interview page: what was planned, the checklist snapshot in three phases, and the actions of its lifecycle.
/// Ticks are saved one item at a time (a small form per item; checklist.js sends the same form with fetch).
/// </summary>
public sealed class Details(Details.Handler handler) : PageModel
{
    public Handler.View View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.ViewAsync(id, User, recordAccess: true, ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    /// <summary>A post without a known handler (a stale or hand-made form) goes back to the page instead of rendering it empty.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        await handler.MayViewAsync(id, User, ct) ? RedirectToPage("Details", new { id }) : NotFound();

    public async Task<IActionResult> OnPostStartAsync(Guid id, uint version, CancellationToken ct)
    {
        var outcome = ModelState.IsValid
            ? await handler.StartAsync(id, version, User, ct)
            : new InterviewAction.Refused("Cette page n'est plus à jour : rechargez-la avant de recommencer.");
        if (outcome is InterviewAction.Refused r) return await PageWithErrorAsync(id, r.Message, ct);
        return this.Answer(outcome, Page);
    }

    public async Task<IActionResult> OnPostTickAsync(Guid id, Guid itemId, bool done, CancellationToken ct)
    {
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        var outcome = ModelState.IsValid
            ? await handler.TickAsync(id, itemId, done, User, ct)
            : new Handler.TickOutcome.Refused("Cet élément de la liste n'a pas été reconnu : rechargez la page.");
        switch (outcome)
        {
            case Handler.TickOutcome.Ticked t when wantsJson:
                return new JsonResult(t.Progress);
            case Handler.TickOutcome.Ticked:
                return RedirectToPage("Details", null, new { id }, $"item-{itemId}");
            case Handler.TickOutcome.Refused r when wantsJson:
                return new JsonResult(new { message = r.Message }) { StatusCode = StatusCodes.Status409Conflict };
            case Handler.TickOutcome.Refused r:
                return await PageWithErrorAsync(id, r.Message, ct);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> PageWithErrorAsync(Guid id, string message, CancellationToken ct)
    {
        var view = await handler.ViewAsync(id, User, recordAccess: false, ct);
        if (view is null) return NotFound();
        View = view;
        return this.PageWithError(message);
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public sealed record Participant(string Name, ParticipantRelation Relation, bool PersonAgreed);
        public sealed record Item(Guid Id, ChecklistPhase Phase, int Order, string Text, bool Required, string? HelpText, DateTimeOffset? CheckedAt, string? CheckedBy)
        {
            public bool IsChecked => CheckedAt is not null;
        }
        public sealed record Switch(Modality From, Modality To, string Reason, DateTimeOffset At);
        public sealed record FollowUp(string Who, string What, DateOnly DueOn, DateTimeOffset? DoneAt);
        public sealed record PhaseView(ChecklistPhase Phase, IReadOnlyList<Item> Items)
        {
            public int Checked => Items.Count(i => i.IsChecked);
            public int RequiredLeft => Items.Count(i => i.Required && !i.IsChecked);
        }

        public sealed record View
        {
            public required Guid Id { get; init; }
            public required uint Version { get; init; }
            public required Guid PersonId { get; init; }
            public required string PersonName { get; init; }
            public string? PersonPhone { get; init; }
            public required Guid WorkerId { get; init; }
            public required string WorkerName { get; init; }
            public required Modality Modality { get; init; }
            public required DateTimeOffset ScheduledAt { get; init; }
            public required int DurationMinutes { get; init; }
            public required string Objectives { get; init; }
            public string? VideoToolName { get; init; }
            public string? VideoToolPrivacyNote { get; init; }
            public Modality? FallbackModality { get; init; }
            public string? FallbackPhone { get; init; }
            public bool SendSmsReminder { get; init; }
            public required InterviewStatus Status { get; init; }
            public DateTimeOffset? StartedAt { get; init; }
            public DateTimeOffset? EndedAt { get; init; }
            public string? Summary { get; init; }
            /// <summary>Only ever filled for the interview's worker: nobody else, not even a team lead, receives it.</summary>
            public string? PrivateNote { get; init; }
            public string? FaceToFaceTopics { get; init; }
            public bool FaceToFaceNeeded { get; init; }
            public FaceToFaceReason? FaceToFaceReason { get; init; }
            public string? IncompleteChecklistJustification { get; init; }
            public Guid? NextInterviewId { get; init; }
            public DateTimeOffset? NextInterviewAt { get; init; }
            public PostponeReason? PostponeReason { get; init; }
            public string? StatusComment { get; init; }
            public Guid? RescheduledToId { get; init; }
            public DateTimeOffset? RescheduledToAt { get; init; }
            public int? ChecklistVersion { get; init; }
            public IReadOnlyList<Participant> Participants { get; init; } = [];
            public IReadOnlyList<Item> Checklist { get; init; } = [];
            public IReadOnlyList<Switch> Switches { get; init; } = [];
            public IReadOnlyList<FollowUp> FollowUps { get; init; } = [];
            /// <summary>Set when the modality in use has no current consent any more: the interview cannot start.</summary>
            public string? ConsentWarning { get; init; }
            public string? FallbackWarning { get; init; }
            public bool SmsReminderNoLongerAllowed { get; init; }
            public bool IsAuthor { get; init; }
            public bool NoShowPossible { get; init; }
            public bool CompletionPossible { get; init; }
            /// <summary>What plan B may switch to now (<see cref="Interview.FallbackChoices"/>): agreed to, and not the modality in use.</summary>
            public IReadOnlyList<Modality> FallbackTargets { get; init; } = [];

            public bool IsOpen => Status.IsOpen();
            public bool CanTick => Status.CanTick();
            public Modality CurrentModality => Switches.Count > 0 ? Switches[^1].To : Modality;
            public IEnumerable<PhaseView> Phases => Enum.GetValues<ChecklistPhase>()
                .Select(p => new PhaseView(p, Checklist.Where(i => i.Phase == p).OrderBy(i => i.Order).ToList()));
        }

        public async Task<bool> MayViewAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            await gate.AuthorizeInterviewAsync(user, id, PersonOperation.View, ct) is not null;

        public async Task<View?> ViewAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, bool recordAccess, CancellationToken ct)
        {
            var reference = await gate.AuthorizeInterviewAsync(user, id, PersonOperation.View, ct);
            if (reference is null) return null;
            var userId = user.RequiredUserId();
            var now = clock.GetUtcNow();

            var row = await db.Interviews.AsNoTracking().AsSplitQuery()
                .Where(i => i.Id == id)
                .Select(i => new
                {
                    i.Id, i.Version, i.PersonId, i.WorkerId, i.Modality, i.ScheduledAt, i.DurationMinutes, i.Objectives,
                    i.FallbackModality, i.FallbackPhone, i.SendSmsReminder, i.Status, i.StartedAt, i.EndedAt, i.Summary,
                    // The private note leaves the database only for its author.
                    PrivateNote = i.WorkerId == userId ? i.PrivateNote : null,
                    i.FaceToFaceTopics, i.FaceToFaceNeeded, i.FaceToFaceReason, i.IncompleteChecklistJustification,
                    i.NextInterviewId, i.PostponeReason, i.StatusComment, i.RescheduledToId,
                    NextInterviewAt = db.Interviews.Where(n => n.Id == i.NextInterviewId).Select(n => (DateTimeOffset?)n.ScheduledAt).FirstOrDefault(),
                    RescheduledToAt = db.Interviews.Where(n => n.Id == i.RescheduledToId).Select(n => (DateTimeOffset?)n.ScheduledAt).FirstOrDefault(),
                    Person = db.Persons.Where(p => p.Id == i.PersonId).Select(p => new { p.FirstName, p.LastName, p.Phone }).First(),
                    WorkerName = db.Users.Where(u => u.Id == i.WorkerId).Select(u => u.DisplayName).FirstOrDefault(),
                    Tool = db.VideoTools.Where(t => t.Id == i.VideoToolId).Select(t => new { t.Name, t.PrivacyNote }).FirstOrDefault(),
                    ChecklistVersion = db.ChecklistTemplates.Where(t => t.Id == i.ChecklistTemplateId).Select(t => (int?)t.Version).FirstOrDefault(),
                    Participants = i.Participants.OrderBy(p => p.Name).Select(p => new Participant(p.Name, p.Relation, p.PersonAgreed)).ToList(),
                    Checklist = i.Checklist.Select(c => new Item(c.Id, c.Phase, c.Order, c.Text, c.Required, c.HelpText, c.CheckedAt,
                        db.Users.Where(u => u.Id == c.CheckedById).Select(u => u.DisplayName).FirstOrDefault())).ToList(),
                    Switches = i.FallbackSwitches.OrderBy(s => s.At).Select(s => new Switch(s.From, s.To, s.Reason, s.At)).ToList(),
                })
                .FirstAsync(ct);
            var followUps = await db.FollowUpActions.AsNoTracking()
                .Where(a => a.InterviewId == id)
                .OrderBy(a => a.DueOn)
                .Select(a => new FollowUp(a.Who, a.What, a.DueOn, a.DoneAt))
                .ToListAsync(ct);

            string? consentWarning = null, fallbackWarning = null;
            var smsGone = false;
            IReadOnlyList<Modality> fallbackTargets = [];
            var current = row.Switches.Count > 0 ? row.Switches[^1].To : row.Modality;
            if (row.Status.IsOpen())
            {
                // A withdrawal takes effect at once: the page says so as soon as the consent row exists.
                var consents = await db.ConsentHistoryAsync(row.PersonId, ct);
                consentWarning = ConsentPolicy.MayContact(consents, current, now).Reason;
                if (row.FallbackModality is { } fallback && fallback != current)
                    fallbackWarning = ConsentPolicy.MayContact(consents, fallback, now).Reason;
                smsGone = row.SendSmsReminder && !ConsentPolicy.MayContact(consents, Modality.Sms, now).Allowed;
                fallbackTargets = Interview.FallbackChoices(current, consents, now);
            }

            if (recordAccess)
            {
                await gate.TraceAccessAsync(user, reference.Person, "Interview", ct);
            }

            return new View
            {
                Id = row.Id, Version = row.Version, PersonId = row.PersonId, PersonName = $"{row.Person.FirstName} {row.Person.LastName}",
                PersonPhone = row.Person.Phone, WorkerId = row.WorkerId, WorkerName = row.WorkerName ?? "",
                Modality = row.Modality, ScheduledAt = row.ScheduledAt, DurationMinutes = row.DurationMinutes, Objectives = row.Objectives,
                VideoToolName = row.Tool?.Name, VideoToolPrivacyNote = row.Tool?.PrivacyNote,
                FallbackModality = row.FallbackModality, FallbackPhone = row.FallbackPhone, SendSmsReminder = row.SendSmsReminder,
                Status = row.Status, StartedAt = row.StartedAt, EndedAt = row.EndedAt, Summary = row.Summary, PrivateNote = row.PrivateNote,
                FaceToFaceTopics = row.FaceToFaceTopics, FaceToFaceNeeded = row.FaceToFaceNeeded, FaceToFaceReason = row.FaceToFaceReason,
                IncompleteChecklistJustification = row.IncompleteChecklistJustification,
                NextInterviewId = row.NextInterviewId, NextInterviewAt = row.NextInterviewAt,
                PostponeReason = row.PostponeReason, StatusComment = row.StatusComment,
                RescheduledToId = row.RescheduledToId, RescheduledToAt = row.RescheduledToAt,
                ChecklistVersion = row.ChecklistVersion, Participants = row.Participants, Checklist = row.Checklist, Switches = row.Switches,
                FollowUps = followUps, ConsentWarning = consentWarning, FallbackWarning = fallbackWarning, SmsReminderNoLongerAllowed = smsGone,
                IsAuthor = row.WorkerId == userId,
                NoShowPossible = InterviewStatusRules.NoShowPossible(row.Status, row.ScheduledAt, now),
                CompletionPossible = InterviewStatusRules.CompletionPossible(row.Status, row.ScheduledAt, now),
                FallbackTargets = fallbackTargets,
            };
        }

        public async Task<InterviewAction> StartAsync(Guid id, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeInterviewAsync(user, id, PersonOperation.Edit, ct) is null) return InterviewAction.Missing;
            var interview = await db.Interviews.FirstAsync(i => i.Id == id, ct);
            db.ExpectVersion(interview, version);
            var now = clock.GetUtcNow();
            try
            {
                interview.Start(now, await db.ConsentHistoryAsync(interview.PersonId, ct));
            }
            catch (DomainRuleException e)
            {
                return new InterviewAction.Refused(e.Message);
            }
            db.ActivityLog.Add(ActivityLogEntry.For(interview.DepartmentId, interview.PersonId, user.RequiredUserId(), now,
                ActivityKind.InterviewStarted, $"Entretien par {interview.Modality.French()} commencé.", interview.Id, interview.Modality));
            return await db.SaveAsync(new InterviewAction.Done("L'entretien a commencé. Cochez la liste « Pendant » au fil de l'échange.", id), ct);
        }

        public sealed record TickProgress(Guid ItemId, bool Done, string State, string Button, string Phase, int Checked, int Total, string Label);

        public abstract record TickOutcome
        {
            public sealed record Ticked(TickProgress Progress) : TickOutcome;
            public sealed record Refused(string Message) : TickOutcome;
            public sealed record NotFound : TickOutcome;
        }

        /// <summary>
        /// A tick changes one checklist row and never the interview row, so it needs no version: two workers ticking
        /// different items both keep their tick, and ticking the same item twice is harmless.
        /// </summary>
        public async Task<TickOutcome> TickAsync(Guid id, Guid itemId, bool done, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeInterviewAsync(user, id, PersonOperation.Edit, ct) is null) return new TickOutcome.NotFound();
            var interview = await db.Interviews.Include(i => i.Checklist).FirstAsync(i => i.Id == id, ct);
            var now = clock.GetUtcNow();
            try
            {
                interview.Tick(itemId, done, user.RequiredUserId(), now);
            }
            catch (DomainRuleException e)
            {
                return new TickOutcome.Refused(e.Message);
            }
            await db.SaveChangesAsync(ct);

            var item = interview.Checklist.Single(i => i.Id == itemId);
            var phase = interview.Checklist.Where(i => i.Phase == item.Phase).ToList();
            var count = phase.Count(i => i.IsChecked);
            return new TickOutcome.Ticked(new TickProgress(itemId, item.IsChecked,
                StateText(item.CheckedAt, user.DisplayName()), item.IsChecked ? "Décocher" : "Cocher",
                item.Phase.ToString(), count, phase.Count, ProgressText(item.Phase, count, phase.Count)));
        }

        public static string StateText(DateTimeOffset? checkedAt, string? by) =>
            checkedAt is null ? "À faire" : $"Fait le {FrenchTime.Format(checkedAt)}{(string.IsNullOrEmpty(by) ? "" : $" par {by}")}";

        public static string ProgressText(ChecklistPhase phase, int done, int total) => $"{phase.French()} : {done} sur {total} cochés";
    }
}
