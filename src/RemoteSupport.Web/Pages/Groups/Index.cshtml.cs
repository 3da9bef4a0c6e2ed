using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>
/// The department's group sessions: upcoming ones with their seats left, recent ones, and the proposals waiting for the
/// signed-in worker's answer as referent.
/// </summary>
public sealed class Index(Index.Handler handler) : PageModel
{
    public Handler.View Data { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await handler.HandleAsync(User, ct);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public const int Limit = 200;
        public const int PastDays = 90;

        public sealed record Row(Guid Id, string Theme, DateTimeOffset ScheduledAt, Modality Modality, int Capacity, int SeatsTaken, int Waiting,
            GroupSessionStatus Status, bool Mine);
        public sealed record Proposal(Guid SessionId, string Theme, DateTimeOffset ScheduledAt, string PersonName);
        public sealed record View(IReadOnlyList<Row> Upcoming, IReadOnlyList<Row> Recent, IReadOnlyList<Proposal> Proposals);

        public async Task<View> HandleAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.RequiredUserId();
            var now = clock.GetUtcNow();
            var since = now.AddDays(-PastDays);
            // The department filter narrows to the user's departments; one query for the list and its counts.
            var rows = await db.GroupSessions.AsNoTracking()
                .Where(s => s.ScheduledAt >= since)
                .OrderBy(s => s.ScheduledAt).Take(Limit)
                .Select(s => new Row(s.Id, s.Theme, s.ScheduledAt, s.Modality, s.Capacity, s.SeatsTaken,
                    s.Participants.Count(p => p.Status == ParticipantStatus.Waiting), s.Status,
                    s.OrganiserId == me || s.FacilitatorId == me || s.NoteTakerId == me || s.TechnicalHelperWorkerId == me))
                .ToListAsync(ct);
            // Proposals for the persons this worker is referent of: they confirm or decline on the session's page.
            var proposals = await (from p in db.GroupParticipants.AsNoTracking()
                                   where p.Status == ParticipantStatus.Proposed
                                   join person in db.Persons on p.PersonId equals person.Id
                                   where person.ReferentId == me
                                   join s in db.GroupSessions on p.SessionId equals s.Id
                                   where s.Status == GroupSessionStatus.Planned
                                   orderby s.ScheduledAt
                                   select new { s.Id, s.Theme, s.ScheduledAt, s.Status, Name = person.FirstName + " " + person.LastName })
                .Take(Limit).ToListAsync(ct);
            // Only what can still be answered: the session's own rule says when registration closes.
            var open = proposals.Where(x => GroupSession.RegistrationOpen(x.Status, x.ScheduledAt, now))
                .Select(x => new Proposal(x.Id, x.Theme, x.ScheduledAt, x.Name)).ToList();
            return new View(
                rows.Where(r => GroupSession.IsUpcoming(r.Status, r.ScheduledAt, now)).ToList(),
                rows.Where(r => !GroupSession.IsUpcoming(r.Status, r.ScheduledAt, now)).OrderByDescending(r => r.ScheduledAt).ToList(),
                open);
        }
    }
}
