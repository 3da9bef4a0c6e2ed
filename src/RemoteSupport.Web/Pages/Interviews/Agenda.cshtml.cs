using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>"Mon agenda": the signed-in user's open interviews from today on, with what needs attention before each.</summary>
public sealed class Agenda(Agenda.Handler handler) : PageModel
{
    public Handler.View Data { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await handler.HandleAsync(User, ct);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public const int Limit = 300;

        public sealed record Row(Guid Id, Guid PersonId, string PersonName, Modality Modality, DateTimeOffset ScheduledAt, int DurationMinutes,
            InterviewStatus Status, IReadOnlyList<AttentionPoint> Attention);

        public sealed record Day(DateOnly Date, IReadOnlyList<Row> Rows);

        /// <summary>A group session the user runs (organiser or a named role).</summary>
        public sealed record Session(Guid Id, string Theme, DateTimeOffset ScheduledAt, Modality Modality, int SeatsTaken, int Capacity, int MissingBefore);

        public sealed record View(DateOnly Today, IReadOnlyList<Day> Days, bool Truncated, IReadOnlyList<Session> Sessions);

        public async Task<View> HandleAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.RequiredUserId();
            var now = clock.GetUtcNow();
            var today = FrenchTime.Today(clock);
            var from = FrenchTime.FromLocal(today.ToDateTime(TimeOnly.MinValue));

            // Team leads who also run interviews see theirs here too: the agenda is always "my" interviews.
            var interviews = await db.Interviews.AsNoTracking()
                .Where(i => i.WorkerId == me && (i.Status == InterviewStatus.Planned || i.Status == InterviewStatus.InProgress) && i.ScheduledAt >= from)
                .OrderBy(i => i.ScheduledAt).ThenBy(i => i.Id)
                .Take(Limit + 1)
                .Select(i => new
                {
                    i.Id, i.PersonId, i.DepartmentId, i.Modality, i.ScheduledAt, i.DurationMinutes, i.Status, i.SendSmsReminder,
                    Person = db.Persons.Where(p => p.Id == i.PersonId)
                        .Select(p => new { Name = p.FirstName + " " + p.LastName, NeverMet = p.FirstFaceToFaceMeetingOn == null })
                        .FirstOrDefault(),
                    MissingBefore = i.Checklist.Count(c => c.Phase == ChecklistPhase.Before && c.Required && c.CheckedAt == null),
                })
                .ToListAsync(ct);
            var truncated = interviews.Count > Limit;
            if (truncated) interviews.RemoveAt(Limit);

            // Every listed person's consent history and the departments' working hours in one query each, then the
            // rule in memory: no query per row.
            var consents = await db.ConsentHistoriesAsync(interviews.Select(i => i.PersonId).Distinct(), ct);
            var departmentIds = interviews.Select(i => i.DepartmentId).Distinct().ToArray();
            var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);

            var rows = interviews.Select(i =>
            {
                var upcoming = new UpcomingInterview(i.Modality, i.Status, i.ScheduledAt, i.SendSmsReminder, i.MissingBefore,
                    departments[i.DepartmentId].IsWorkingTime(FrenchTime.ToLocal(i.ScheduledAt), TimeSpan.FromMinutes(i.DurationMinutes)),
                    i.Person?.NeverMet ?? false);
                return new Row(i.Id, i.PersonId, i.Person?.Name ?? "", i.Modality, i.ScheduledAt, i.DurationMinutes, i.Status,
                    InterviewAttention.For(upcoming, consents[i.PersonId], now));
            });
            var days = rows.GroupBy(r => DateOnly.FromDateTime(FrenchTime.ToLocal(r.ScheduledAt)))
                .Select(g => new Day(g.Key, g.ToList()))
                .ToList();
            var sessions = await db.GroupSessions.AsNoTracking()
                .Where(s => (s.OrganiserId == me || s.FacilitatorId == me || s.NoteTakerId == me || s.TechnicalHelperWorkerId == me)
                    && s.Status == Domain.Groups.GroupSessionStatus.Planned && s.ScheduledAt >= from)
                .OrderBy(s => s.ScheduledAt).Take(Limit)
                .Select(s => new Session(s.Id, s.Theme, s.ScheduledAt, s.Modality, s.SeatsTaken, s.Capacity,
                    s.Checklist.Count(c => c.Phase == ChecklistPhase.Before && c.Required && c.CheckedAt == null)))
                .ToListAsync(ct);
            return new View(today, days, truncated, sessions);
        }
    }
}
