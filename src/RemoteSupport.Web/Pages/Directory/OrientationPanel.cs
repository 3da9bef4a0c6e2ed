using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>
/// The person page's « Orientations vers des ressources » section: the resources the person was oriented to (follow-up
/// actions naming a resource), a way to orient and to send a card, and for a person who needs digital help, the
/// directory's digital-help places nearest to their commune. Rendered inside Persons/Details, which has checked access.
/// </summary>
public sealed record OrientationPanel(Guid PersonId, bool Active, IReadOnlyList<OrientationPanel.Line> Lines, bool NeedsDigitalHelp,
    string? Commune, IReadOnlyList<OrientationPanel.Nearby> DigitalHelp)
{
    public const int Limit = 50;
    public const int NearbyLimit = 3;

    public sealed record Line(Guid FollowUpId, Guid ResourceId, string Resource, bool ResourceActive, string What, DateOnly DueOn, DateTimeOffset? DoneAt);

    public sealed record Nearby(Guid Id, string Name, string? Phone, string? Commune, string? OpeningHours, int Distance);

    public static async Task<OrientationPanel?> LoadAsync(AppDbContext db, Guid personId, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.DepartmentId, p.Status, p.City, p.PostalCode, p.DigitalSkills, p.HasInternetAccess, p.HasSmartphone, p.HasComputer, p.RemoteReasons })
            .FirstOrDefaultAsync(ct);
        if (person is null) return null;
        var lines = await db.FollowUpActions.AsNoTracking()
            .Where(a => a.DepartmentId == person.DepartmentId && a.PersonId == personId && a.ResourceId != null)
            .Join(db.Resources, a => a.ResourceId, r => r.Id, (a, r) => new { a, r })
            .OrderByDescending(x => x.a.DueOn).ThenByDescending(x => x.a.Id)
            .Take(Limit)
            .Select(x => new Line(x.a.Id, x.r.Id, x.r.Name, x.r.IsActive, x.a.What, x.a.DueOn, x.a.DoneAt))
            .ToListAsync(ct);

        var needs = DigitalInclusion.NeedsHelp(AccompaniedPerson.Seed(new PersonSeed
        {
            DigitalSkills = person.DigitalSkills, HasInternetAccess = person.HasInternetAccess, HasSmartphone = person.HasSmartphone,
            HasComputer = person.HasComputer, RemoteReasons = person.RemoteReasons,
        }));
        IReadOnlyList<Nearby> nearby = [];
        if (needs)
        {
            // Nearest: the person's own commune first (same name, case and accents ignored), then the same postcode
            // department prefix, then the rest of the department; by name within each rank.
            var commune = DirectoryText.Key(person.City);
            var prefix = DirectoryText.PostcodePrefix(person.PostalCode);
            var found = await db.Resources.AsNoTracking()
                .Where(r => r.DepartmentId == person.DepartmentId && r.IsActive && r.Themes.Contains(DirectoryThemes.Digital))
                .Select(r => new
                {
                    r.Id, r.Name, r.Phone, r.Commune, r.OpeningHours,
                    Distance = commune != null && r.CommuneKey == commune ? 0 : prefix != null && r.PostalCode != null && r.PostalCode.StartsWith(prefix) ? 1 : 2,
                })
                .OrderBy(n => n.Distance).ThenBy(n => n.Name)
                .Take(NearbyLimit)
                .ToListAsync(ct);
            nearby = found.Select(n => new Nearby(n.Id, n.Name, n.Phone, n.Commune, n.OpeningHours, n.Distance)).ToList();
        }
        return new OrientationPanel(personId, person.Status == PersonStatus.Active, lines, needs, person.City, nearby);
    }
}

public sealed class OrientationsViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var panel = await OrientationPanel.LoadAsync(db, personId, HttpContext.RequestAborted);
        return panel is null ? Content("") : View("/Pages/Directory/_OrientationPanel.cshtml", panel);
    }
}
