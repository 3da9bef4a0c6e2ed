using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>A group session: timetable, roles, seats, participants (privacy kept), checklist, and what to do next.</summary>
public sealed class Details(Details.Handler handler) : PageModel
{
    public SessionView View { get; private set; } = default!;
    public IReadOnlyList<Handler.Candidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, User, ct);
        if (view is null) return NotFound();
        View = view;
        Candidates = await handler.CandidatesAsync(view, User, ct);
        return Page();
    }

    /// <summary>Ticks or unticks one item of the session's checklist.</summary>
    public async Task<IActionResult> OnPostTickAsync(Guid id, Guid itemId, bool done, CancellationToken ct)
    {
        var outcome = await handler.TickAsync(id, itemId, done, User, ct);
        if (outcome is null) return NotFound();
        if (outcome.Length > 0) TempData["flash"] = outcome;
        return RedirectToPage(new { id });
    }

    public sealed class Handler(AppDbContext db, GroupGate groups, PersonGate persons, TimeProvider clock)
    {
        public sealed record Candidate(Guid Id, string Name, string? Refusal);

        public Task<SessionView?> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            SessionView.LoadAsync(db, groups, persons, clock, user, id, ct);

        /// <summary>
        /// The persons this worker follows (their own caseload and their team's), not yet in the session, each with what would stop them
        /// joining (the modality consent or the group agreement), so the form says it before anything is posted.
        /// </summary>
        public async Task<IReadOnlyList<Candidate>> CandidatesAsync(SessionView view, ClaimsPrincipal user, CancellationToken ct)
        {
            if (!view.RegistrationOpen) return [];
            var me = user.RequiredUserId();
            var taken = view.Participants.Where(p => Domain.Groups.GroupParticipant.HoldsOrWaits(p.Status)).Select(p => p.PersonId).ToHashSet();
            // The worker's own persons and their team's (a colleague may stand in for the referent, as PersonGate says).
            var team = user.TeamId();
            var mine = await db.Persons.AsNoTracking()
                .Where(p => p.ReferentId == me || (team != null && db.Users.Any(u => u.Id == p.ReferentId && u.TeamId == team)))
                // Closed files first left out in SQL (a caseload keeps them); the session's rule decides for the rest.
                .Where(p => p.Status == PersonStatus.Active)
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(500)
                .Select(p => new { p.Id, Name = p.FirstName + " " + p.LastName,
                    Standing = new Domain.Groups.PersonStanding(p.Id, p.Status, p.AnonymisedAt != null, p.ProcessingRestricted) })
                .ToListAsync(ct);
            mine.RemoveAll(p => taken.Contains(p.Id) || !Domain.Groups.GroupRules.MayTakePart(p.Standing).Allowed);
            var histories = await db.ConsentHistoriesAsync(mine.Select(p => p.Id), ct);
            var now = clock.GetUtcNow();
            return mine.Select(p => new Candidate(p.Id, p.Name,
                Domain.Groups.GroupRules.MayJoin(histories[p.Id], view.Modality, now) is { Allowed: false } r ? r.Reason : null)).ToList();
        }

        /// <returns>Null for 404; the message to show otherwise (empty when all went well).</returns>
        public async Task<string?> TickAsync(Guid id, Guid itemId, bool done, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            var session = await db.GroupSessions.Include(s => s.Checklist).FirstAsync(s => s.Id == id, ct);
            try
            {
                session.Tick(itemId, done, user.RequiredUserId(), clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return "";
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
        }
    }
}
