using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>
/// A session's participants: register a person one follows, withdraw, answer a proposal as the person's referent, name
/// a participant who agreed to help with the technical side. The forms are on the session page; each handler checks
/// both the session and the person itself.
/// </summary>
public sealed class Participants(Participants.Handler handler) : PageModel
{
    /// <summary>The forms live on the session's page: a GET goes there (and reads as 404 to whoever may not see it).</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await handler.MaySeeAsync(id, User, ct) ? RedirectToPage("/Groups/Details", new { id }) : NotFound();

    public Task<IActionResult> OnPostAddAsync(Guid id, Guid personId, CancellationToken ct) =>
        AnswerAsync(id, handler.AddAsync(id, personId, User, ct));

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid participantId, CancellationToken ct) =>
        AnswerAsync(id, handler.WithdrawAsync(id, participantId, User, ct));

    public Task<IActionResult> OnPostConfirmAsync(Guid id, Guid participantId, CancellationToken ct) =>
        AnswerAsync(id, handler.AnswerProposalAsync(id, participantId, confirm: true, User, ct));

    public Task<IActionResult> OnPostDeclineAsync(Guid id, Guid participantId, CancellationToken ct) =>
        AnswerAsync(id, handler.AnswerProposalAsync(id, participantId, confirm: false, User, ct));

    public Task<IActionResult> OnPostHelperAsync(Guid id, Guid? participantId, CancellationToken ct) =>
        AnswerAsync(id, handler.HelperAsync(id, participantId, User, ct));

    private async Task<IActionResult> AnswerAsync(Guid id, Task<SeatOutcome?> work)
    {
        var outcome = await work;
        switch (outcome)
        {
            case null: return NotFound();
            case SeatOutcome.Done done: TempData["flash"] = done.Message; break;
            case SeatOutcome.Refused refused: TempData["flash"] = refused.Reason; break;
            case SeatOutcome.Saved saved: TempData["flash"] = saved.Message; break;
        }
        return RedirectToPage("/Groups/Details", new { id });
    }

    public sealed class Handler(AppDbContext db, GroupGate groups, PersonGate persons, SessionSeats seats)
    {
        public async Task<bool> MaySeeAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            await groups.AuthorizeAsync(user, id, PersonOperation.View, ct) is not null;

        /// <summary>A worker registers a person whose file they may change: their consents decide, then the seats.</summary>
        public async Task<SeatOutcome?> AddAsync(Guid id, Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.View, ct) is not { } session) return null;
            if (await persons.AuthorizeAsync(user, personId, PersonOperation.Edit, ct) is not { } person || person.DepartmentId != session.DepartmentId)
                return null;
            var standing = await StandingAsync(personId, ct);
            var history = await db.ConsentHistoryAsync(personId, ct);
            var me = user.RequiredUserId();
            return await seats.ChangeAsync(id, (s, now) => s.Enrol(standing, byTheirReferent: true, history, me, now), me, ct);
        }

        /// <summary>The session's team, or a worker who may change the person's file, withdraws them.</summary>
        public async Task<SeatOutcome?> WithdrawAsync(Guid id, Guid participantId, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.View, ct) is not { } session) return null;
            var personId = await PersonOfAsync(id, participantId, ct);
            if (personId is null) return null;
            var mayRun = await groups.AllowsAsync(user, session, PersonOperation.Edit);
            if (!mayRun && await persons.AuthorizeAsync(user, personId.Value, PersonOperation.Edit, ct) is null) return null;
            var me = user.RequiredUserId();
            return await seats.ChangeAsync(id, (s, now) => s.Withdraw(participantId, me, now), me, ct);
        }

        /// <summary>The person's referent (or a worker who may change their file) confirms or declines a proposal.</summary>
        public async Task<SeatOutcome?> AnswerProposalAsync(Guid id, Guid participantId, bool confirm, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.View, ct) is null) return null;
            var personId = await PersonOfAsync(id, participantId, ct);
            if (personId is null || await persons.AuthorizeAsync(user, personId.Value, PersonOperation.Edit, ct) is null) return null;
            var me = user.RequiredUserId();
            if (!confirm) return await seats.ChangeAsync(id, (s, now) => s.Decline(participantId, me, now), me, ct);
            var standing = await StandingAsync(personId.Value, ct);
            var history = await db.ConsentHistoryAsync(personId.Value, ct);
            return await seats.ChangeAsync(id, (s, now) => s.Confirm(participantId, standing, history, me, now), me, ct);
        }

        /// <summary>The session's team names the participant who agreed to help the others with the technical side.</summary>
        public async Task<SeatOutcome?> HelperAsync(Guid id, Guid? participantId, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            var session = await db.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == id, ct);
            try
            {
                session.NameParticipantTechnicalHelper(participantId);
                await db.SaveChangesAsync(ct);
            }
            catch (Domain.Common.DomainRuleException e)
            {
                return new SeatOutcome.Refused(e.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new SeatOutcome.Refused(Infrastructure.PageModelExtensions.ConcurrencyMessage);
            }
            return new SeatOutcome.Saved(participantId is null ? "Plus aucun participant n'aide à la technique." : "Ce participant aide à la technique pendant la séance.");
        }

        private Task<PersonStanding> StandingAsync(Guid personId, CancellationToken ct) =>
            db.Persons.AsNoTracking().Where(p => p.Id == personId)
                .Select(p => new PersonStanding(p.Id, p.Status, p.AnonymisedAt != null, p.ProcessingRestricted)).FirstAsync(ct);

        private Task<Guid?> PersonOfAsync(Guid sessionId, Guid participantId, CancellationToken ct) =>
            db.GroupParticipants.AsNoTracking().Where(p => p.Id == participantId && p.SessionId == sessionId)
                .Select(p => (Guid?)p.PersonId).FirstOrDefaultAsync(ct);
    }
}
