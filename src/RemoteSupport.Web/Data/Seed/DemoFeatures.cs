using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Seed;

/// <summary>Demo data of the features built over persons (checklists, interviews…), seeded after the caseloads.</summary>
public static class DemoFeatures
{
    public static Task SeedAsync(AppDbContext db, IReadOnlyList<Department> departments, IReadOnlyList<AppUser> workers,
        DateTimeOffset now, CancellationToken ct)
    {
        _ = (db, departments, workers, now, ct);
        return Task.CompletedTask;
    }
}
