using System.Linq.Expressions;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>
/// An interview, or the worker's whole upcoming agenda, as an iCalendar file for their own calendar app.
/// The file leaves the protected application: it carries initials only (ADR-0006).
/// </summary>
public sealed class Calendar(Calendar.Handler handler, TimeProvider clock) : PageModel
{
    /// <param name="id">One interview.</param>
    /// <param name="session">One group session (issue 16).</param>
    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? session, CancellationToken ct)
    {
        var events = id is { } one ? await handler.OneAsync(one, User, ct)
            : session is { } group ? await handler.SessionAsync(group, User, ct)
            : await handler.UpcomingAsync(User, ct);
        if (events is null) return NotFound();
        var now = clock.GetUtcNow();
        var name = id is not null ? $"entretien-{FrenchTime.ToLocal(events[0].Start):yyyy-MM-dd-HHmm}.ics"
            : session is not null ? $"seance-de-groupe-{FrenchTime.ToLocal(events[0].Start):yyyy-MM-dd-HHmm}.ics"
            : "agenda.ics";
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(Handler.Write(events, now)), "text/calendar; charset=utf-8", name);
    }

    /// <param name="Summary">The event's title when it is not an interview (a group session).</param>
    public sealed record Event(Guid Id, Modality Modality, DateTimeOffset Start, int DurationMinutes, InterviewStatus Status, string Initials,
        string? Summary = null);

    public sealed class Handler(AppDbContext db, PersonGate gate, GroupGate groups, TimeProvider clock)
    {
        public const int Limit = 500;

        private sealed record Row(Guid Id, Guid WorkerId, Guid PersonId, Modality Modality, DateTimeOffset Start, int DurationMinutes,
            InterviewStatus Status, string FirstName, string LastName);

        private IQueryable<Row> Rows(Expression<Func<Interview, bool>> filter) =>
            from i in db.Interviews.AsNoTracking().Where(filter)
            join p in db.Persons on i.PersonId equals p.Id
            orderby i.ScheduledAt
            select new Row(i.Id, i.WorkerId, i.PersonId, i.Modality, i.ScheduledAt, i.DurationMinutes, i.Status, p.FirstName, p.LastName);

        /// <returns>Null when the interview does not exist for this user (other department, or outside PersonGate rules).</returns>
        public async Task<IReadOnlyList<Event>?> OneAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var row = await Rows(i => i.Id == id).FirstOrDefaultAsync(ct);
            if (row is null) return null;
            // The worker who runs the interview always gets it; anyone else only if they may open the person's file.
            if (row.WorkerId != user.RequiredUserId())
            {
                var reference = await gate.FindAsync(row.PersonId, ct);
                if (reference is null || !await gate.AllowsAsync(user, reference, PersonOperation.View)) return null;
            }
            return [ToEvent(row)];
        }

        /// <summary>The signed-in worker's open interviews from today on, the same list as "Mon agenda".</summary>
        public async Task<IReadOnlyList<Event>> UpcomingAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.RequiredUserId();
            var from = FrenchTime.FromLocal(FrenchTime.Today(clock).ToDateTime(TimeOnly.MinValue));
            var rows = await Rows(i => i.WorkerId == me && (i.Status == InterviewStatus.Planned || i.Status == InterviewStatus.InProgress) && i.ScheduledAt >= from)
                .Take(Limit)
                .ToListAsync(ct);
            var sessions = await db.GroupSessions.AsNoTracking()
                .Where(s => (s.OrganiserId == me || s.FacilitatorId == me || s.NoteTakerId == me || s.TechnicalHelperWorkerId == me)
                    && s.Status == RemoteSupport.Domain.Groups.GroupSessionStatus.Planned && s.ScheduledAt >= from)
                .OrderBy(s => s.ScheduledAt).Take(Limit)
                .Select(s => new { s.Id, s.Modality, s.ScheduledAt, s.DurationMinutes, s.Status }).ToListAsync(ct);
            return rows.Select(ToEvent)
                .Concat(sessions.Select(s => GroupEvent(s.Id, s.Modality, s.ScheduledAt, s.DurationMinutes, s.Status)))
                .OrderBy(e => e.Start).ToList();
        }

        /// <summary>One group session, for whoever may see it.</summary>
        public async Task<IReadOnlyList<Event>?> SessionAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.View, ct) is null) return null;
            var s = await db.GroupSessions.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new { x.Id, x.Modality, x.ScheduledAt, x.DurationMinutes, x.Status }).FirstAsync(ct);
            return [GroupEvent(s.Id, s.Modality, s.ScheduledAt, s.DurationMinutes, s.Status)];
        }

        /// <summary>A group session in a calendar: neither its theme nor anybody's name (the file leaves the application).</summary>
        private static Event GroupEvent(Guid id, Modality modality, DateTimeOffset start, int duration, RemoteSupport.Domain.Groups.GroupSessionStatus status) =>
            new(id, modality, start, duration, RemoteSupport.Domain.Messages.InterviewState.OfGroup(status, start).Status, "",
                $"Séance de groupe – {modality.French()}");

        private static Event ToEvent(Row r) =>
            new(r.Id, r.Modality, r.Start, r.DurationMinutes, r.Status, AccompaniedPerson.InitialsOf(r.FirstName, r.LastName));

        /// <summary>
        /// Summary, times and a status: nothing else. No name, phone, objectives or notes, because calendar apps sync
        /// to phones and clouds the department does not control.
        /// </summary>
        public static string Write(IEnumerable<Event> events, DateTimeOffset now)
        {
            var ics = new ICalendarWriter()
                .Raw("BEGIN", "VCALENDAR")
                .Raw("VERSION", "2.0")
                .Raw("PRODID", "-//RemoteSupport//Agenda//FR")
                .Raw("CALSCALE", "GREGORIAN")
                .Raw("METHOD", "PUBLISH");
            foreach (var e in events)
            {
                var cancelled = e.Status is InterviewStatus.Cancelled or InterviewStatus.Postponed or InterviewStatus.NoShow;
                ics.Raw("BEGIN", "VEVENT")
                    // Stable whatever host name served the file, so a second download updates the same event.
                    .Raw("UID", $"{e.Id:D}@remotesupport")
                    .Time("DTSTAMP", now)
                    .Time("DTSTART", e.Start)
                    .Time("DTEND", e.Start.AddMinutes(e.DurationMinutes))
                    .Text("SUMMARY", e.Summary ?? $"Entretien {e.Modality.French()} – {e.Initials}")
                    .Text("DESCRIPTION", "Préparation, liste de contrôle et coordonnées : dans RemoteSupport.")
                    .Raw("CLASS", "PRIVATE")
                    .Raw("TRANSP", "OPAQUE")
                    .Raw("STATUS", cancelled ? "CANCELLED" : "CONFIRMED")
                    .Raw("END", "VEVENT");
            }
            return ics.Raw("END", "VCALENDAR").ToString();
        }
    }
}
