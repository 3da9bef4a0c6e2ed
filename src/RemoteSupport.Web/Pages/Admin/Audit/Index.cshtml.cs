using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Audit;

/// <summary>The audit trail of administrative changes, newest first, limited to the administrator's departments.</summary>
public sealed class Index(Index.Handler handler) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public Query Filter { get; set; } = new();
    public Result Data { get; private set; } = new([], 0, 1, 1, [], [], null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Odd values in the query string ("2026-13-45", a foreign id) fall back to "no filter" instead of failing.
        ModelState.Clear();
        Data = await handler.HandleAsync(Filter, ct);
    }

    public sealed class Query
    {
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public AuditArea? Area { get; set; }
        public Guid? Actor { get; set; }
        public int? Department { get; set; }
        // From the query string only: Razor Pages also has a "page" route value (the page's path).
        [FromQuery(Name = "page")] public int Page { get; set; } = 1;
    }

    /// <summary>One field of an entry: « champ : avant → après », or a single value when it only says which record (Same).</summary>
    public sealed record Change(string Field, string Before, string After)
    {
        public bool Same => Before == After;
    }

    public sealed record Row(DateTimeOffset At, string Actor, string? DepartmentCode, string Area, string Action, string Subject, IReadOnlyList<Change> Changes);
    public sealed record Option<T>(T Value, string Label);
    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages, IReadOnlyList<Option<Guid>> Actors,
        IReadOnlyList<Option<int>> Departments, string? FilterProblem);

    public sealed class Handler(AppDbContext db, AdminGate gate)
    {
        public const int PageSize = 50;

        public async Task<Result> HandleAsync(Query filter, CancellationToken ct)
        {
            // The departments whose entries this administrator reads, each asked of the administration scope.
            var scope = await gate.FilterAsync(db.AllowedDepartmentIds, Operations.View);
            var spansAll = await db.SpansAllDepartmentsAsync(ct);
            // The audit table has no query filter. An entry of a department is seen by that department's administrators;
            // an entry without department only by administrators who span every department (ADR-0007).
            var visible = db.AuditEntries.AsNoTracking()
                .Where(a => (a.DepartmentId != null && scope.Contains(a.DepartmentId.Value)) || (a.DepartmentId == null && spansAll));

            var entries = visible;
            string? problem = null;
            if (filter.From is { } from && !Plausible(from) || filter.To is { } to && !Plausible(to))
                problem = "Les dates de la période doivent être comprises entre l'an 2000 et l'an 2100.";
            else if (filter.From > filter.To)
                problem = "La date de début de la période doit précéder sa date de fin.";
            else
            {
                // The period is typed in Paris days; entries are stored in UTC.
                if (filter.From is { } start)
                {
                    var since = FrenchTime.FromLocal(start.ToDateTime(TimeOnly.MinValue));
                    entries = entries.Where(a => a.At >= since);
                }
                if (filter.To is { } end)
                {
                    var before = FrenchTime.FromLocal(end.AddDays(1).ToDateTime(TimeOnly.MinValue));
                    entries = entries.Where(a => a.At < before);
                }
            }
            if (filter.Area is { } area && Enum.IsDefined(area)) entries = entries.Where(a => a.Area == area);
            if (filter.Actor is { } actor) entries = entries.Where(a => a.ActorId == actor);
            if (filter.Department is { } department)
            {
                // Another department's entries are not the administrator's to read, even filtered.
                entries = await gate.AllowsAsync(department, Operations.View)
                    ? entries.Where(a => a.DepartmentId == department)
                    : entries.Where(a => false);
            }

            var total = await entries.CountAsync(ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(filter.Page, 1, pages);
            var raw = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(a => new
                {
                    a.At, a.Area, a.Action, a.EntityId, a.Before, a.After,
                    Actor = db.Users.Where(u => u.Id == a.ActorId).Select(u => u.DisplayName).FirstOrDefault(),
                    Code = db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Code).FirstOrDefault(),
                })
                .ToListAsync(ct);

            var names = await NamesAsync(raw.Select(r => (r.Area, r.EntityId, r.Before, r.After)).ToList(), ct);
            var rows = raw.Select(r => new Row(r.At, r.Actor ?? "compte supprimé", r.Code, r.Area.French(), r.Action.French(),
                    AuditText.Subject(r.Area, r.EntityId, r.Before, r.After, names),
                    AuditText.Diff(r.Before, r.After, names)))
                .ToList();

            var actors = await db.Users.AsNoTracking().Where(u => visible.Any(a => a.ActorId == u.Id)).OrderBy(u => u.DisplayName)
                .Select(u => new Option<Guid>(u.Id, u.DisplayName)).ToListAsync(ct);
            var departments = await db.ScopedDepartments().AsNoTracking().OrderBy(d => d.Code)
                .Select(d => new Option<int>(d.Id, d.Code + " – " + d.Name)).ToListAsync(ct);
            return new Result(rows, total, page, pages, actors, departments, problem);
        }

        private static bool Plausible(DateOnly d) => d.Year is >= 2000 and <= 2100;

        /// <summary>
        /// Readable names of the records one page of entries mentions (the changed records, and the ids older entries
        /// kept in their values): one query per kind of record, not one per row.
        /// </summary>
        private async Task<AuditNames> NamesAsync(IReadOnlyList<(AuditArea Area, string EntityId, string? Before, string? After)> entries, CancellationToken ct)
        {
            List<Guid> Guids(AuditArea area) => entries.Where(e => e.Area == area)
                .Select(e => Guid.TryParse(e.EntityId, out var g) ? g : (Guid?)null).OfType<Guid>().Distinct().ToList();
            List<int> Ints(AuditArea area) => entries.Where(e => e.Area == area)
                .Select(e => int.TryParse(e.EntityId, CultureInfo.InvariantCulture, out var i) ? i : (int?)null).OfType<int>().Distinct().ToList();
            var referenced = entries.SelectMany(e => AuditText.References(e.Before).Concat(AuditText.References(e.After))).ToList();

            var userIds = Guids(AuditArea.Users);
            var departmentIds = Ints(AuditArea.Departments).Concat(referenced.Select(r => r.DepartmentId).OfType<int>()).Distinct().ToList();
            var teamIds = Ints(AuditArea.Teams);
            var toolIds = Guids(AuditArea.VideoTools);
            var templateIds = Guids(AuditArea.Checklists);
            var itemIds = referenced.Select(r => r.ItemId).OfType<Guid>().Distinct().ToList();

            var names = new AuditNames();
            foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                names.Users[u.Id] = u.DisplayName;
            foreach (var d in await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct))
                names.Departments[d.Id] = $"{d.Code} – {d.Name}";
            foreach (var t in await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
                names.Teams[t.Id] = t.Name;
            foreach (var t in await db.VideoTools.AsNoTracking().Where(t => toolIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
                names.VideoTools[t.Id] = t.Name;
            foreach (var t in await db.ChecklistTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id)).Select(t => new { t.Id, t.Modality, t.Version }).ToListAsync(ct))
                names.Checklists[t.Id] = (t.Modality, t.Version);
            foreach (var i in await db.ChecklistTemplateItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).Select(i => new { i.Id, i.Text }).ToListAsync(ct))
                names.Items[i.Id] = i.Text;
            return names;
        }
    }
}

/// <summary>The names an audit page resolves ids to, so no entry shows an id.</summary>
public sealed class AuditNames
{
    public Dictionary<Guid, string> Users { get; } = [];
    public Dictionary<int, string> Departments { get; } = [];
    public Dictionary<int, string> Teams { get; } = [];
    public Dictionary<Guid, string> VideoTools { get; } = [];
    public Dictionary<Guid, (Modality Modality, int Version)> Checklists { get; } = [];
    public Dictionary<Guid, string> Items { get; } = [];
}

/// <summary>
/// How an audit entry reads in French: the record it concerns, the field names and the values. Entries written before
/// the checklists went through the audit writer hold other shapes (ids, a nested before/after, a bare number): they are
/// read here too, so old rows stay readable.
/// </summary>
public static class AuditText
{
    private static readonly string[] DayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    /// <summary>Keys that only carried an internal id: never shown.</summary>
    private static readonly HashSet<string> Hidden = ["Id", "TemplateId"];

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Email"] = "Adresse électronique",
        ["DisplayName"] = "Nom affiché",
        ["Department"] = "Département",
        ["Team"] = "Équipe",
        ["Roles"] = "Rôles",
        ["ExtraDepartments"] = "Autres départements administrés",
        ["IsActive"] = "Actif",
        ["MustChangePassword"] = "Mot de passe provisoire à changer",
        ["LockedUntil"] = "Verrouillé jusqu'au",
        ["FailedAttempts"] = "Essais de mot de passe erronés",
        ["Via"] = "Origine",
        ["Code"] = "Code",
        ["Name"] = "Nom",
        ["WorkingDays"] = "Jours travaillés",
        ["WorkDayStart"] = "Début de journée",
        ["WorkDayEnd"] = "Fin de journée",
        ["DefaultContactFrequencyDays"] = "Fréquence de contact par défaut (jours)",
        ["NotContactedAlertDays"] = "Alerte sans contact après (jours)",
        ["SmsQuietFrom"] = "Pas de SMS à partir de",
        ["SmsQuietUntil"] = "Pas de SMS jusqu'à",
        ["RequireTwoFactorForAll"] = "Double authentification pour tous",
        ["TrustedBrowserDays"] = "Navigateur mémorisé (jours)",
        ["IdleTimeoutMinutes"] = "Déconnexion après inactivité (minutes)",
        ["TwoFactorEnabled"] = "Double authentification active",
        ["RecoveryCodesLeft"] = "Codes de récupération restants",
        ["PrivacyNote"] = "Note de confidentialité",
        // Checklists
        ["Modality"] = "Modalité",
        ["Version"] = "Version",
        ["FromVersion"] = "Reprise de la version",
        ["FromDepartment"] = "Copiée depuis",
        ["FromDepartmentId"] = "Copiée depuis",
        ["Item"] = "Élément",
        ["itemId"] = "Élément",
        ["Phase"] = "Phase",
        ["Position"] = "Position",
        ["Order"] = "Position",
        ["delta"] = "Déplacement",
        ["Text"] = "Texte",
        ["Required"] = "Obligatoire",
        ["HelpText"] = "Aide",
        ["Items"] = "Nombre d'éléments",
        ["Replaced"] = "Éléments remplacés",
    };

    private static readonly List<string> Order = [.. Fields.Keys];

    /// <summary>The record an entry concerns, by name; a record deleted since is named from what the entry kept.</summary>
    public static string Subject(AuditArea area, string entityId, string? before, string? after, AuditNames names)
    {
        var guid = Guid.TryParse(entityId, out var g) ? g : (Guid?)null;
        var number = int.TryParse(entityId, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var resolved = area switch
        {
            AuditArea.Users when guid is { } id => names.Users.GetValueOrDefault(id),
            AuditArea.Departments when number is { } id => names.Departments.GetValueOrDefault(id),
            AuditArea.Teams when number is { } id => names.Teams.GetValueOrDefault(id),
            AuditArea.VideoTools when guid is { } id => names.VideoTools.GetValueOrDefault(id),
            AuditArea.Checklists when guid is { } id && names.Checklists.TryGetValue(id, out var t) => Checklist(t.Modality, t.Version),
            _ => null,
        };
        if (resolved is not null) return resolved;
        if (area == AuditArea.Checklists)
        {
            var version = Number(after, "Version") ?? Number(before, "Version");
            return version is null ? "Liste de contrôle supprimée depuis" : $"Brouillon de la version {version}, abandonné depuis";
        }
        return SubjectFromJson(after ?? before) ?? "Enregistrement supprimé depuis";
    }

    public static string Checklist(Modality modality, int version) => $"Liste « {modality.ChecklistTitle()} », version {version}";

    /// <summary>A name for a record that no longer exists (a deleted tool), from what the entry kept.</summary>
    public static string? SubjectFromJson(string? json)
    {
        using var doc = Parse(json);
        if (doc?.RootElement.ValueKind != JsonValueKind.Object) return null;
        foreach (var key in new[] { "DisplayName", "Name", "Email", "Code" })
            if (doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String)
                return v.GetString();
        return null;
    }

    /// <summary>The ids an entry's values mention (older checklist entries): items moved, departments copied from.</summary>
    public static IEnumerable<(Guid? ItemId, int? DepartmentId)> References(string? json)
    {
        var found = new List<(Guid?, int?)>();
        foreach (var (key, value) in Properties(json))
        {
            if (key == "itemId" && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var item)) found.Add((item, null));
            if (key == "FromDepartmentId" && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var department)) found.Add((null, department));
        }
        return found;
    }

    /// <summary>The fields of an entry as « champ : avant → après », in a stable order.</summary>
    public static IReadOnlyList<Index.Change> Diff(string? before, string? after, AuditNames names)
    {
        var b = Properties(before);
        var a = Properties(after);
        // Older "UpdateItem" entries nested both sides in "after": { "before": {...}, "after": {...} }.
        if (b.Count == 0 && a.Count == 2 && a.TryGetValue("before", out var nestedBefore) && a.TryGetValue("after", out var nestedAfter)
            && nestedBefore.ValueKind == JsonValueKind.Object && nestedAfter.ValueKind == JsonValueKind.Object)
        {
            b = Object(nestedBefore);
            a = Object(nestedAfter);
        }
        var keys = b.Keys.Union(a.Keys).Where(k => !Hidden.Contains(k))
            .OrderBy(k => Order.IndexOf(k) is var i and >= 0 ? i : int.MaxValue).ToList();
        return keys.Select(k => new Index.Change(Fields.GetValueOrDefault(k) ?? "Autre information",
                Format(k, b.TryGetValue(k, out var x) ? x : null, names), Format(k, a.TryGetValue(k, out var y) ? y : null, names)))
            // An unchanged value that is not there to say which record (an old entry's full snapshot) is left out.
            .Where(c => !c.Same || c.Field is "Élément" or "Phase" || b.Count == 0 || a.Count == 0)
            .ToList();
    }

    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonDocument.Parse(json); }
        catch (JsonException) { return null; }
    }

    private static int? Number(string? json, string key) =>
        Properties(json).TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    private static Dictionary<string, JsonElement> Properties(string? json)
    {
        using var doc = Parse(json);
        if (doc is null) return [];
        return doc.RootElement.ValueKind switch
        {
            JsonValueKind.Object => Object(doc.RootElement),
            // Older "ResetToDefault" entries hold the number of items replaced, alone.
            JsonValueKind.Number => new() { ["Replaced"] = doc.RootElement.Clone() },
            _ => [],
        };
    }

    private static Dictionary<string, JsonElement> Object(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    private static string Format(string key, JsonElement? value, AuditNames names)
    {
        if (value is not { } v) return "—";
        return v.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => "—",
            JsonValueKind.True => "oui",
            JsonValueKind.False => "non",
            JsonValueKind.Array => v.GetArrayLength() == 0 ? "aucun" : string.Join(", ", v.EnumerateArray().Select(e => Element(key, e, names))),
            _ => Element(key, v, names),
        };
    }

    private static string Element(string key, JsonElement e, AuditNames names) => (key, e.ValueKind) switch
    {
        ("Roles", JsonValueKind.String) => Roles.French(e.GetString()!),
        ("WorkingDays", JsonValueKind.Number) when e.TryGetInt32(out var d) && d is >= 1 and <= 7 => DayNames[d - 1],
        ("LockedUntil", JsonValueKind.String) when DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, out var t) => FrenchTime.Format(t),
        ("Phase", JsonValueKind.String) when Enum.TryParse<ChecklistPhase>(e.GetString(), out var p) && Enum.IsDefined(p) => p.French(),
        ("Modality", JsonValueKind.String) when Enum.TryParse<Modality>(e.GetString(), out var m) && Enum.IsDefined(m) => m.FrenchTitle(),
        ("Via", JsonValueKind.String) when e.GetString() == "create-admin" => "commande d'installation create-admin",
        ("itemId", JsonValueKind.String) => Guid.TryParse(e.GetString(), out var item) && names.Items.TryGetValue(item, out var text)
            ? text : "un élément retiré depuis",
        ("FromDepartmentId", JsonValueKind.Number) => e.TryGetInt32(out var dep) && names.Departments.TryGetValue(dep, out var label)
            ? label : "un autre département",
        ("delta", JsonValueKind.Number) when e.TryGetInt32(out var delta) => delta < 0 ? "vers le haut" : delta > 0 ? "vers le bas" : "aucun",
        // Whatever else holds an id is never shown as one.
        (_, JsonValueKind.String) when Guid.TryParse(e.GetString(), out _) => "—",
        (_, JsonValueKind.String) => e.GetString()!,
        (_, JsonValueKind.Number) => e.GetRawText(),
        _ => "—",
    };
}
