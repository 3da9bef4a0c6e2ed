using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Infrastructure.Jobs;

namespace RemoteSupport.Web.Data.Priorities;

/// <summary>
/// Recomputes every department's priorities once a day, soon after midnight in France, on one instance
/// (ADR-0021): the day's lists are ready before the first team lead opens one (ADR-0008). Safe to repeat.
/// </summary>
public sealed class PriorityRefreshJob : BackgroundJob
{
    public const string JobName = "priority-refresh";

    public override string Name => JobName;

    public override bool IsDue(DateTimeOffset? lastSucceededAt, DateTimeOffset now) => JobSchedule.DailyInFrance(lastSucceededAt, now);

    public override async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var refresh = services.GetRequiredService<PriorityRefresh.Handler>();
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        var recomputed = 0;
        foreach (var department in departments) recomputed += await refresh.RefreshDepartmentAsync(department, ct);
        return $"{departments.Count} departments, {recomputed} priorities recomputed";
    }
}
