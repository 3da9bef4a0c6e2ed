using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Pages.Consents;
using RemoteSupport.Web.Pages.Contacts;
using RemoteSupport.Web.Pages.Directory;
using RemoteSupport.Web.Pages.Interviews;
using RemoteSupport.Web.Pages.Messages;

namespace RemoteSupport.Web.Pages.Persons;

public sealed class Details(Details.Handler handler) : PageModel
{
    public Handler.View Person { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.HandleAsync(id, User, ct);
        if (view is null) return NotFound();
        Person = view;
        return Page();
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public sealed record JournalLine(DateTimeOffset At, ActivityKind Kind, string Description, string Actor);

        public sealed record View(AccompaniedPerson Person, string ReferentName, IReadOnlyList<JournalLine> Journal, int JournalTotal,
            ConsentPanel Consents, PersonInterviewsPanel Interviews, FollowUpPanel FollowUps, MessagesPanel Messages,
            OrientationPanel Orientations, Groups.PersonGroupsPanel Groups)
        {
            /// <summary>What the rights panel shows of the latest notice e-mail (read with the messages).</summary>
            public Shared.Components.NoticeSending.NoticeSendingViewComponent.Data? NoticeSending =>
                Shared.Components.NoticeSending.NoticeSendingViewComponent.Data.Of(Messages.LatestNotice, Person.NoticeGivenAt);
        }

        public const int JournalLimit = 100;

        private sealed record Found(AccompaniedPerson Person, string ReferentName, int? ReferentTeamId);

        // The page is opened often: its two own reads are compiled once (the department filter still applies).
        private static readonly Func<AppDbContext, Guid, CancellationToken, Task<Found?>> FindPerson = EF.CompileAsyncQuery(
            (AppDbContext db, Guid id, CancellationToken ct) => (
                    from p in db.Persons.AsNoTracking()
                    where p.Id == id
                    join u in db.Users on p.ReferentId equals u.Id
                    select new Found(p, u.DisplayName, u.TeamId))
                .FirstOrDefault());

        // The department is said: it lets the (DepartmentId, PersonId, At) index serve the journal.
        private static readonly Func<AppDbContext, int, Guid, IAsyncEnumerable<JournalLine>> Journal = EF.CompileAsyncQuery(
            (AppDbContext db, int departmentId, Guid id) => db.ActivityLog.AsNoTracking()
                .Where(a => a.DepartmentId == departmentId && a.PersonId == id)
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Take(JournalLimit)
                .Select(a => new JournalLine(a.At, a.Kind, a.Description, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.DisplayName).FirstOrDefault() ?? "")));

        public async Task<View?> HandleAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            // The page is opened often and shows many panels: each panel is at most one query (its count only when its
            // list is cut; the follow-up actions and the orientations share one), all on one connection taken from the
            // pool once, plus the access trace. Eight round trips in all (the group sessions are the eighth), nine for a person who needs digital help
            // (docs/performance.md, « Round 3 »).
            await db.Database.OpenConnectionAsync(ct);
            var found = await FindPerson(db, id, ct);
            if (found is null) return null;
            var person = found.Person;
            var reference = new PersonRef(person.Id, person.DepartmentId, person.ReferentId, found.ReferentTeamId);
            // Not found, another department or outside the team: the same 404, so nothing leaks about the record.
            if (!await gate.AllowsAsync(user, reference, PersonOperation.View)) return null;

            var lines = await Journal(db, reference.DepartmentId, id).ToListAsync(ct);
            var total = lines.Count < JournalLimit ? lines.Count
                : await db.ActivityLog.CountAsync(a => a.DepartmentId == reference.DepartmentId && a.PersonId == id, ct);

            var now = clock.GetUtcNow();
            var interviews = await PersonInterviewsPanel.LoadAsync(db, id, canSchedule: person.Status == PersonStatus.Active, ct);
            var planned = interviews.Upcoming
                .Where(i => i.Status == InterviewStatus.Planned)
                .Select(i => new ConsentPanel.PlannedInterview(i.Id, i.ScheduledAt, i.Modality));
            var consents = await ConsentPanel.LoadAsync(db, person, planned, now, ct);
            var (followUps, orientationLines) = await FollowUpPanel.LoadAsync(db, reference.DepartmentId, id, FrenchTime.Today(clock), ct);
            var messages = await MessagesPanel.LoadForPersonAsync(db, reference.DepartmentId, id, ct);
            var orientations = await OrientationPanel.LoadAsync(db, person, orientationLines, ct);
            var groups = await Groups.PersonGroupsPanel.LoadAsync(db, id, ct);

            await gate.TraceAccessAsync(user, reference, "Details", ct);
            return new View(person, found.ReferentName, lines, total, consents, interviews, followUps, messages, orientations, groups);
        }
    }
}
