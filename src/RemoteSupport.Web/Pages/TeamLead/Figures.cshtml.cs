using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Priorities;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.TeamLead;

/// <summary>Figures over a chosen period: interviews by modality and outcome, plan-B rate, persons waiting to be met. Also as CSV.</summary>
public sealed class Figures(CaseloadScope.Handler scopes, Figures.Handler handler, TimeProvider clock)
    : PageModel
{
    public const int MaxDays = 366;

    [BindProperty(SupportsGet = true)] public Query Filter { get; set; } = new();
    public CaseloadScope Scope { get; private set; } = default!;
    public int? Team { get; private set; }
    public Result? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var prepared = await PrepareAsync(ct);
        if (prepared is not null) return prepared;
        if (!ModelState.IsValid) return Page();
        Data = await handler.HandleAsync(Scope, Team, Query.Parse(Filter.From)!.Value, Query.Parse(Filter.To)!.Value, ct);
        return Page();
    }

    [RequireFreshSecondFactor] // an export: the data leaves the application
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var prepared = await PrepareAsync(ct);
        if (prepared is not null) return prepared;
        // A bad period in a hand-made link: the page explains it next to the fields.
        if (!ModelState.IsValid) return Page();
        var from = Query.Parse(Filter.From)!.Value;
        var to = Query.Parse(Filter.To)!.Value;
        var data = await handler.HandleAsync(Scope, Team, from, to, ct);
        var name = $"chiffres-{Scope.DepartmentName}-{from:yyyy-MM-dd}-au-{to:yyyy-MM-dd}.csv";
        return File(ToCsv(data).ToBytes(), Csv.ContentType, new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()));
    }

    private async Task<IActionResult?> PrepareAsync(CancellationToken ct)
    {
        // Query-string values other than the period are never an error: an unknown team falls back to the whole scope.
        foreach (var key in ModelState.Keys.Where(k => !k.EndsWith(nameof(Query.From), StringComparison.Ordinal) && !k.EndsWith(nameof(Query.To), StringComparison.Ordinal)).ToList())
            ModelState.Remove(key);
        var target = await scopes.AuthorizeAsync(User, Filter.Team, null, Operations.View, ct);
        if (target is null) return Forbid();
        (Scope, Team) = (target.Scope, target.TeamId);
        if (string.IsNullOrWhiteSpace(Filter.From) && string.IsNullOrWhiteSpace(Filter.To))
        {
            var today = FrenchTime.Today(clock);
            var first = new DateOnly(today.Year, today.Month, 1);
            Filter.From = LocalDateTime.DateText(first);
            Filter.To = LocalDateTime.DateText(first.AddMonths(1).AddDays(-1));
            // The input filter validated the empty period before this default: the default month is valid.
            ModelState.Remove($"{nameof(Filter)}.{nameof(Query.From)}");
            ModelState.Remove($"{nameof(Filter)}.{nameof(Query.To)}");
        }
        return null;
    }

    public string CsvLink => "/TeamLead/Figures?handler=Csv&" + string.Join('&', new[]
    {
        "Filter.From=" + Uri.EscapeDataString(Filter.From ?? ""),
        "Filter.To=" + Uri.EscapeDataString(Filter.To ?? ""),
        Team is { } t ? "Filter.Team=" + t.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(s => s is not null));

    public static Csv ToCsv(Result data)
    {
        var csv = new Csv();
        csv.Row("Travailleur social", "Entretiens", "Téléphone", "Audioconférence", "Visioconférence", "Réalisés", "Reportés",
            "Personne absente", "Annulés", "À venir ou en cours", "Avec passage au plan B", "Taux de plan B (%)");
        foreach (var w in data.Workers.Append(data.Total))
            csv.Row(w.Name, w.Total, w.ByModality.GetValueOrDefault(Modality.Phone), w.ByModality.GetValueOrDefault(Modality.AudioConference),
                w.ByModality.GetValueOrDefault(Modality.Video), w.Completed, w.Postponed, w.NoShow, w.Cancelled, w.Upcoming, w.WithFallback,
                Math.Round(w.FallbackRate, 1));
        return csv;
    }

    public sealed class Query
    {
        /// <summary>yyyy-MM-dd, as an &lt;input type="date"&gt; sends it; parsed here so the message is ours, in French.</summary>
        public string? From { get; set; }
        public string? To { get; set; }
        public int? Team { get; set; }

        public static DateOnly? Parse(string? s) => LocalDateTime.TryDate(s, out var d) ? d : null;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez le début de la période.")
                .Must(s => Query.Parse(s) is not null).WithMessage("Saisissez une date de début valide, par exemple 01/11/2026.");
            RuleFor(q => q.To).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Indiquez la fin de la période.")
                .Must(s => Query.Parse(s) is not null).WithMessage("Saisissez une date de fin valide, par exemple 30/11/2026.")
                .Must((q, s) => Query.Parse(q.From) is not { } from || Query.Parse(s) >= from)
                .WithMessage("La fin de la période doit suivre son début.")
                .Must((q, s) => Query.Parse(q.From) is not { } from || Query.Parse(s)!.Value.DayNumber - from.DayNumber < MaxDays)
                .WithMessage($"Choisissez une période d'au plus {MaxDays} jours.");
        }
    }

    /// <summary>Counts for one worker, or for the whole scope (the total line).</summary>
    public sealed record Line(string Name, int Total, IReadOnlyDictionary<Modality, int> ByModality, int Completed, int Postponed, int NoShow,
        int Cancelled, int Upcoming, int Held, int WithFallback)
    {
        public double FallbackRate => Held == 0 ? 0 : 100.0 * WithFallback / Held;
    }

    public sealed record ModalityLine(Modality Modality, int Total, int Held, int WithFallback)
    {
        public double FallbackRate => Held == 0 ? 0 : 100.0 * WithFallback / Held;
    }

    public sealed record Result(DateOnly From, DateOnly To, IReadOnlyList<ModalityLine> ByModality, Line Total, IReadOnlyList<Line> Workers,
        int WaitingFaceToFace, int NeverMet, GroupLine Groups);

    /// <summary>Group sessions of the period (issue 16): held, cancelled, attendance over the marked places, persons reached.</summary>
    public sealed record GroupLine(int Held, int Cancelled, int Marked, int Attended, int PersonsReached)
    {
        /// <summary>Present or left early, over every attendance marked (absent and excused included).</summary>
        public double AttendanceRate => Marked == 0 ? 0 : 100.0 * Attended / Marked;
    }

    public sealed class Handler(AppDbContext db, PriorityRefresh.Handler refresh)
    {
        public async Task<Result> HandleAsync(CaseloadScope scope, int? team, DateOnly from, DateOnly to, CancellationToken ct)
        {
            var start = FrenchTime.FromLocal(from.ToDateTime(TimeOnly.MinValue));
            var end = FrenchTime.FromLocal(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            var interviews = db.Interviews.AsNoTracking()
                .Where(i => i.DepartmentId == scope.DepartmentId && i.ScheduledAt >= start && i.ScheduledAt < end);
            // A team's figures are the interviews its workers held.
            if (team is { } t) interviews = interviews.Where(i => db.Users.Any(u => u.Id == i.WorkerId && u.TeamId == t));

            var counts = await interviews.GroupBy(i => new { i.WorkerId, i.Modality, i.Status })
                .Select(g => new { g.Key.WorkerId, g.Key.Modality, g.Key.Status, Count = g.Count() })
                .ToListAsync(ct);
            var fallbacks = await interviews.Where(i => db.FallbackSwitches.Any(s => s.InterviewId == i.Id))
                .GroupBy(i => new { i.WorkerId, i.Modality })
                .Select(g => new { g.Key.WorkerId, g.Key.Modality, Count = g.Count() })
                .ToListAsync(ct);

            var names = scope.Workers.ToDictionary(w => w.Id, w => w.Name);
            var missing = counts.Select(c => c.WorkerId).Where(id => !names.ContainsKey(id)).Distinct().ToList();
            if (missing.Count > 0)
            {
                // Interviews held by someone now outside the scope (moved to another team) still count, under their name.
                foreach (var u in await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                    names[u.Id] = u.DisplayName;
            }

            Line LineOf(string name, Func<Guid, bool> who)
            {
                var mine = counts.Where(c => who(c.WorkerId)).ToList();
                int Status(InterviewStatus s) => mine.Where(c => c.Status == s).Sum(c => c.Count);
                var byModality = mine.GroupBy(c => c.Modality).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
                return new Line(name, mine.Sum(c => c.Count), byModality, Status(InterviewStatus.Completed), Status(InterviewStatus.Postponed),
                    Status(InterviewStatus.NoShow), Status(InterviewStatus.Cancelled), Status(InterviewStatus.Planned) + Status(InterviewStatus.InProgress),
                    Status(InterviewStatus.Completed) + Status(InterviewStatus.InProgress),
                    fallbacks.Where(f => who(f.WorkerId)).Sum(f => f.Count));
            }

            var workers = counts.Select(c => c.WorkerId).Distinct()
                .Select(id => LineOf(names.GetValueOrDefault(id, ""), w => w == id))
                .OrderBy(l => l.Name, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true))
                .ToList();
            var total = LineOf("Total", _ => true);

            // Plan B happens during an interview: its rate is over the interviews that took place.
            var byModality = ModalityText.InterviewModalities.Select(m =>
            {
                var ofModality = counts.Where(c => c.Modality == m).ToList();
                var held = ofModality.Where(c => c.Status is InterviewStatus.Completed or InterviewStatus.InProgress).Sum(c => c.Count);
                return new ModalityLine(m, ofModality.Sum(c => c.Count), held, fallbacks.Where(f => f.Modality == m).Sum(f => f.Count));
            }).ToList();

            await refresh.RefreshDepartmentAsync(scope.DepartmentId, ct);
            var persons = db.PersonPriorities.AsNoTracking().Where(p => p.DepartmentId == scope.DepartmentId && p.IsActive);
            if (team is { } tt) persons = persons.Where(p => db.Users.Any(u => u.Id == p.ReferentId && u.TeamId == tt));
            var waiting = (await persons.GroupBy(_ => 1)
                .Select(g => new { FaceToFace = g.Count(p => p.FaceToFaceNeeded), NeverMet = g.Count(p => p.FirstMeetingPending) })
                .ToListAsync(ct)).SingleOrDefault();

            return new Result(from, to, byModality, total, workers, waiting?.FaceToFace ?? 0, waiting?.NeverMet ?? 0,
                await GroupsAsync(scope.DepartmentId, team, start, end, ct));
        }

        /// <summary>A team's group figures are the sessions its workers ran (facilitated).</summary>
        private async Task<GroupLine> GroupsAsync(int departmentId, int? team, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
        {
            var sessions = db.GroupSessions.AsNoTracking().Where(s => s.DepartmentId == departmentId && s.ScheduledAt >= start && s.ScheduledAt < end);
            if (team is { } t) sessions = sessions.Where(s => db.Users.Any(u => u.Id == s.FacilitatorId && u.TeamId == t));
            var statuses = await sessions.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var marks = await sessions.Where(s => s.Status == Domain.Groups.GroupSessionStatus.Held)
                .SelectMany(s => s.Participants.Where(p => p.Attendance != null).Select(p => new { p.PersonId, p.Attendance }))
                .ToListAsync(ct);
            var attended = marks.Where(m => m.Attendance is Domain.Groups.Attendance.Present or Domain.Groups.Attendance.LeftEarly).ToList();
            return new GroupLine(statuses.Where(s => s.Key == Domain.Groups.GroupSessionStatus.Held).Sum(s => s.Count),
                statuses.Where(s => s.Key == Domain.Groups.GroupSessionStatus.Cancelled).Sum(s => s.Count),
                marks.Count, attended.Count, attended.Select(m => m.PersonId).Distinct().Count());
        }
    }
}
