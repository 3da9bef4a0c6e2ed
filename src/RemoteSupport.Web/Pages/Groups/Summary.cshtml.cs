using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>
/// After the session: the summary shared with the group (naming nobody), and « qui fait quoi » for each participant,
/// written to that person's file as a follow-up action.
/// </summary>
public sealed class Summary(Summary.Handler handler) : PageModel
{
    [BindProperty] public SummaryCommand Text { get; set; } = new();
    [BindProperty] public FollowUpCommand FollowUp { get; set; } = new();
    public SessionView View { get; private set; } = default!;
    public IReadOnlyList<Handler.FollowUpRow> FollowUps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Text.Summary = View.Summary;
        return Page();
    }

    [Validates(nameof(Text))]
    public async Task<IActionResult> OnPostSummaryAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var refusal = await handler.WriteSummaryAsync(id, Text.Summary!, User, ct);
        if (refusal is not null) return this.PageWithError(refusal, $"{nameof(Text)}.{nameof(SummaryCommand.Summary)}");
        TempData["flash"] = "Le compte rendu partagé est enregistré.";
        return RedirectToPage(new { id });
    }

    [Validates(nameof(FollowUp))]
    public async Task<IActionResult> OnPostFollowUpAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var refusal = await handler.AddFollowUpAsync(id, FollowUp, User, ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "La suite est inscrite dans le dossier de la personne.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var loaded = await handler.LoadAsync(id, User, ct);
        if (loaded is null) return false;
        (View, FollowUps) = loaded.Value;
        return true;
    }

    public sealed class SummaryCommand
    {
        public string? Summary { get; set; }
    }

    public sealed class FollowUpCommand
    {
        public Guid? ParticipantId { get; set; }
        public string? Who { get; set; }
        public string? What { get; set; }
        public string? DueOn { get; set; }
    }

    public sealed class SummaryValidator : AbstractValidator<SummaryCommand>
    {
        public SummaryValidator()
        {
            RuleFor(c => c.Summary).FreeText("Le compte rendu", GroupRules.SummaryMaxLength, required: "Écrivez le compte rendu partagé.");
        }
    }

    public sealed class FollowUpValidator : AbstractValidator<FollowUpCommand>
    {
        public FollowUpValidator()
        {
            RuleFor(c => c.ParticipantId).NotNull().WithMessage("Choisissez le participant concerné.");
            RuleFor(c => c.Who).FreeText("« Qui »", FollowUpAction.WhoMaxLength, required: "Indiquez qui s'en charge.");
            RuleFor(c => c.What).FreeText("« Quoi »", FollowUpAction.WhatMaxLength, required: "Indiquez ce qu'il faut faire.");
            RuleFor(c => c.DueOn).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez pour quand.")
                .Must(d => LocalDateTime.TryDate(d, out _)).WithMessage("Saisissez une date qui existe, par exemple 24/11/2026.");
        }
    }

    public sealed class Handler(AppDbContext db, GroupGate groups, PersonGate persons, TimeProvider clock)
    {
        public sealed record FollowUpRow(string Participant, string Who, string What, DateOnly DueOn, bool Done);

        public async Task<(SessionView, IReadOnlyList<FollowUpRow>)?> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            var view = await SessionView.LoadAsync(db, groups, persons, clock, user, id, ct);
            if (view is null) return null;
            var names = view.Participants.ToDictionary(p => p.PersonId, p => p.Name);
            var actions = await db.FollowUpActions.AsNoTracking().Where(a => a.GroupSessionId == id).OrderBy(a => a.DueOn)
                .Select(a => new { a.PersonId, a.Who, a.What, a.DueOn, a.DoneAt }).ToListAsync(ct);
            return (view, actions.Select(a => new FollowUpRow(names.GetValueOrDefault(a.PersonId) ?? "—", a.Who, a.What, a.DueOn, a.DoneAt != null)).ToList());
        }

        public async Task<string?> WriteSummaryAsync(Guid id, string text, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return "Cette séance n'existe plus.";
            var session = await db.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == id, ct);
            var personIds = session.Participants.Select(p => p.PersonId).ToArray();
            var names = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).Select(p => new { p.FirstName, p.LastName }).ToListAsync(ct);
            return await SessionSeats.RefusalOfAsync(async () =>
            {
                session.WriteSummary(text, names.SelectMany(n => new[] { n.FirstName, n.LastName }), clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
            });
        }

        /// <summary>« Qui fait quoi » for one participant: a follow-up action in their file, and a line in their journal.</summary>
        public async Task<string?> AddFollowUpAsync(Guid id, FollowUpCommand command, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return "Cette séance n'existe plus.";
            var session = await db.GroupSessions.AsNoTracking().Include(s => s.Participants).FirstAsync(s => s.Id == id, ct);
            return await SessionSeats.RefusalOfAsync(async () =>
            {
                var due = DateOnly.Parse(command.DueOn!, CultureInfo.InvariantCulture);
                var action = FollowUpAction.FromGroupSession(session, command.ParticipantId!.Value, command.Who!, command.What!, due);
                db.FollowUpActions.Add(action);
                db.ActivityLog.Add(ActivityLogEntry.For(session.DepartmentId, action.PersonId, user.RequiredUserId(), clock.GetUtcNow(),
                    ActivityKind.GroupSessionFollowUp, $"{SessionSeats.Title(session)} : suite convenue — {action.Who} : {action.What} (pour le {due:dd/MM/yyyy})."));
                await db.SaveChangesAsync(ct);
            });
        }
    }
}
