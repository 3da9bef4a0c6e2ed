using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>
/// The person page's « Orientations vers des ressources » section: the resources the person was oriented to (follow-up
/// actions naming a resource), a way to orient and to send a card, and for a person who needs digital help, the
/// directory's digital-help places nearest to their commune. Read by Persons/Details, which has checked access.
/// </summary>
public sealed record OrientationPanel(Guid PersonId, bool Active, IReadOnlyList<OrientationPanel.Line> Lines, bool NeedsDigitalHelp,
    string? Commune, IReadOnlyList<OrientationPanel.Nearby> DigitalHelp)
{
    public const int Limit = 50;
    public const int NearbyLimit = 3;

    public sealed record Line(Guid FollowUpId, Guid ResourceId, string Resource, bool ResourceActive, string What, DateOnly DueOn, DateTimeOffset? DoneAt);

    public sealed record Nearby(Guid Id, string Name, string? Phone, string? Commune, string? OpeningHours, int Distance);

    // Compiled once: the person's page runs it for a person who needs digital help.
    private static readonly Func<AppDbContext, int, string?, string?, IAsyncEnumerable<Nearby>> NearbyPlaces = EF.CompileAsyncQuery(
        (AppDbContext db, int departmentId, string? commune, string? prefix) => db.Resources.AsNoTracking()
            .Where(r => r.DepartmentId == departmentId && r.IsActive && r.Themes.Contains(DirectoryThemes.Digital))
            .Select(r => new
            {
                r.Id, r.Name, r.Phone, r.Commune, r.OpeningHours,
                Distance = commune != null && r.CommuneKey == commune ? 0 : prefix != null && r.PostalCode != null && r.PostalCode.StartsWith(prefix) ? 1 : 2,
            })
            .OrderBy(n => n.Distance).ThenBy(n => n.Name)
            .Take(NearbyLimit)
            .Select(n => new Nearby(n.Id, n.Name, n.Phone, n.Commune, n.OpeningHours, n.Distance)));

    /// <summary>
    /// The panel from the person (already read by the page) and their orientations (read by the page with the open
    /// follow-up actions, in one statement); one more statement only for a person who needs digital help.
    /// </summary>
    public static async Task<OrientationPanel> LoadAsync(AppDbContext db, AccompaniedPerson person, IReadOnlyList<Line> lines, CancellationToken ct)
    {
        var needs = DigitalInclusion.NeedsHelp(person);
        IReadOnlyList<Nearby> nearby = [];
        if (needs)
        {
            // Nearest: the person's own commune first (same name, case and accents ignored), then the same postcode
            // department prefix, then the rest of the department; by name within each rank.
            nearby = await NearbyPlaces(db, person.DepartmentId, DirectoryText.Key(person.City), DirectoryText.PostcodePrefix(person.PostalCode))
                .ToListAsync(ct);
        }
        return new OrientationPanel(person.Id, person.Status == PersonStatus.Active, lines, needs, person.City, nearby);
    }
}
