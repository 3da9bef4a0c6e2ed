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

        public enum ConsentFlag { None, Withdrawn, Missing }

        public sealed record Row(Guid Id, Guid PersonId, string PersonName, Modality Modality, DateTimeOffset ScheduledAt, int DurationMinutes,
            InterviewStatus Status, ConsentFlag Consent, bool PreparationIncomplete);

        public sealed record Day(DateOnly Date, IReadOnlyList<Row> Rows);

        public sealed record View(DateOnly Today, IReadOnlyList<Day> Days, bool Truncated);

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
                    i.Id, i.PersonId, i.Modality, i.ScheduledAt, i.DurationMinutes, i.Status,
                    Name = db.Persons.Where(p => p.Id == i.PersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "",
                    MissingBefore = i.Checklist.Count(c => c.Phase == ChecklistPhase.Before && c.Required && c.CheckedAt == null),
                })
                .ToListAsync(ct);
            var truncated = interviews.Count > Limit;
            if (truncated) interviews.RemoveAt(Limit);

            // Every listed person's consent history in one query, then the rule in memory: no query per row.
            var personIds = interviews.Select(i => i.PersonId).Distinct().ToArray();
            var consents = (await db.Consents.AsNoTracking().Where(c => personIds.Contains(c.PersonId)).ToListAsync(ct))
                .ToLookup(c => c.PersonId);

            var rows = interviews.Select(i =>
            {
                var state = ConsentPolicy.StateAt(consents[i.PersonId], i.Modality, now);
                var consent = state.Decision switch
                {
                    ConsentDecision.Granted => ConsentFlag.None,
                    null => ConsentFlag.Missing,
                    ConsentDecision.Refused or ConsentDecision.Withdrawn => ConsentFlag.Withdrawn,
                };
                var preparationIncomplete = i.Status == InterviewStatus.Planned && i.MissingBefore > 0 && i.ScheduledAt <= now.AddHours(24);
                return new Row(i.Id, i.PersonId, i.Name, i.Modality, i.ScheduledAt, i.DurationMinutes, i.Status, consent, preparationIncomplete);
            });
            var days = rows.GroupBy(r => DateOnly.FromDateTime(FrenchTime.ToLocal(r.ScheduledAt)))
                .Select(g => new Day(g.Key, g.ToList()))
                .ToList();
            return new View(today, days, truncated);
        }
    }
}
