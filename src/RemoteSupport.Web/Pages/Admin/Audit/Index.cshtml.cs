using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
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
        public string? Area { get; set; }
        public Guid? Actor { get; set; }
        public int? Department { get; set; }
        // From the query string only: Razor Pages also has a "page" route value (the page's path).
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] public int Page { get; set; } = 1;
    }

    public sealed record Change(string Field, string Before, string After);
    public sealed record Row(DateTimeOffset At, string Actor, string? DepartmentCode, string Area, string Action, string Subject, IReadOnlyList<Change> Changes);
    public sealed record Option<T>(T Value, string Label);
    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages, IReadOnlyList<Option<Guid>> Actors,
        IReadOnlyList<Option<int>> Departments, string? FilterProblem);

    public sealed class Handler(AppDbContext db)
    {
        public const int PageSize = 50;

        public async Task<Result> HandleAsync(Query filter, CancellationToken ct)
        {
            var scope = db.AllowedDepartmentIds;
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
            if (!string.IsNullOrWhiteSpace(filter.Area)) entries = entries.Where(a => a.Area == filter.Area);
            if (filter.Actor is { } actor) entries = entries.Where(a => a.ActorId == actor);
            if (filter.Department is { } department) entries = entries.Where(a => a.DepartmentId == department);

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

            var subjects = await SubjectsAsync(raw.Select(r => (r.Area, r.EntityId)).ToList(), ct);
            var rows = raw.Select(r => new Row(r.At, r.Actor ?? "—", r.Code, AuditText.Area(r.Area), AuditText.Action(r.Action),
                    subjects.GetValueOrDefault((r.Area, r.EntityId)) ?? AuditText.SubjectFromJson(r.After ?? r.Before) ?? r.EntityId,
                    AuditText.Diff(r.Before, r.After)))
                .ToList();

            var actors = await db.Users.AsNoTracking().Where(u => visible.Any(a => a.ActorId == u.Id)).OrderBy(u => u.DisplayName)
                .Select(u => new Option<Guid>(u.Id, u.DisplayName)).ToListAsync(ct);
            var departments = await db.ScopedDepartments().AsNoTracking().OrderBy(d => d.Code)
                .Select(d => new Option<int>(d.Id, d.Code + " – " + d.Name)).ToListAsync(ct);
            return new Result(rows, total, page, pages, actors, departments, problem);
        }

        private static bool Plausible(DateOnly d) => d.Year is >= 2000 and <= 2100;

        /// <summary>Readable names of the changed records of one page: one query per kind of record, not one per row.</summary>
        private async Task<Dictionary<(string, string), string>> SubjectsAsync(IReadOnlyList<(string Area, string EntityId)> keys, CancellationToken ct)
        {
            var result = new Dictionary<(string, string), string>();
            var userIds = Ids(keys, AuditTrail.Areas.Users, s => Guid.TryParse(s, out var g) ? g : (Guid?)null);
            foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                result[(AuditTrail.Areas.Users, u.Id.ToString())] = u.DisplayName;
            var departmentIds = Ids(keys, AuditTrail.Areas.Departments, ParseInt);
            foreach (var d in await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct))
                result[(AuditTrail.Areas.Departments, d.Id.ToString(CultureInfo.InvariantCulture))] = $"{d.Code} – {d.Name}";
            var teamIds = Ids(keys, AuditTrail.Areas.Teams, ParseInt);
            foreach (var t in await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
                result[(AuditTrail.Areas.Teams, t.Id.ToString(CultureInfo.InvariantCulture))] = t.Name;
            var toolIds = Ids(keys, AuditTrail.Areas.VideoTools, s => Guid.TryParse(s, out var g) ? g : (Guid?)null);
            foreach (var t in await db.VideoTools.AsNoTracking().Where(t => toolIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
                result[(AuditTrail.Areas.VideoTools, t.Id.ToString())] = t.Name;
            return result;
        }

        private static int? ParseInt(string s) => int.TryParse(s, CultureInfo.InvariantCulture, out var i) ? i : null;

        private static List<T> Ids<T>(IEnumerable<(string Area, string EntityId)> keys, string area, Func<string, T?> parse) where T : struct =>
            keys.Where(k => k.Area == area).Select(k => parse(k.EntityId)).OfType<T>().Distinct().ToList();
    }
}

/// <summary>How an audit entry reads in French: areas, actions, field names and values.</summary>
public static class AuditText
{
    private static readonly string[] DayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    public static string Area(string area) => area switch
    {
        AuditTrail.Areas.Users => "Utilisateurs",
        AuditTrail.Areas.Departments => "Départements",
        AuditTrail.Areas.Teams => "Équipes",
        AuditTrail.Areas.VideoTools => "Outils de visioconférence",
        AuditTrail.Areas.MessageTexts => "Textes des messages",
        AuditTrail.Areas.Directory => "Annuaire des ressources",
        AuditTrail.Areas.PublicGuides => "Guides pour le public",
        _ => area,
    };

    public static string Action(string action) => action switch
    {
        AuditTrail.Actions.Create => "Création",
        AuditTrail.Actions.Update => "Modification",
        AuditTrail.Actions.Deactivate => "Désactivation",
        AuditTrail.Actions.Reactivate => "Réactivation",
        AuditTrail.Actions.Unlock => "Déverrouillage",
        AuditTrail.Actions.ResetPassword => "Nouveau mot de passe provisoire",
        AuditTrail.Actions.Delete => "Suppression",
        _ => action,
    };

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
        ["PrivacyNote"] = "Note de confidentialité",
    };

    /// <summary>The fields of an entry as "field: before → after", in a stable order.</summary>
    public static IReadOnlyList<Index.Change> Diff(string? before, string? after)
    {
        using var b = before is null ? null : JsonDocument.Parse(before);
        using var a = after is null ? null : JsonDocument.Parse(after);
        var keys = Properties(b).Keys.Union(Properties(a).Keys)
            .OrderBy(k => Fields.Keys.ToList().IndexOf(k) is var i and >= 0 ? i : int.MaxValue).ToList();
        return keys.Select(k => new Index.Change(Fields.GetValueOrDefault(k) ?? k,
                Format(k, Properties(b).GetValueOrDefault(k)), Format(k, Properties(a).GetValueOrDefault(k))))
            .ToList();
    }

    /// <summary>A name for a record that no longer exists (a deleted tool), from what the entry kept.</summary>
    public static string? SubjectFromJson(string? json)
    {
        if (json is null) return null;
        using var doc = JsonDocument.Parse(json);
        foreach (var key in new[] { "DisplayName", "Name", "Email", "Code" })
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String)
                return v.GetString();
        return null;
    }

    private static Dictionary<string, JsonElement> Properties(JsonDocument? doc) =>
        doc?.RootElement.ValueKind == JsonValueKind.Object
            ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : [];

    private static string Format(string key, JsonElement? value)
    {
        if (value is not { } v) return "—";
        return v.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => "—",
            JsonValueKind.True => "oui",
            JsonValueKind.False => "non",
            JsonValueKind.Array => v.GetArrayLength() == 0 ? "aucun" : string.Join(", ", v.EnumerateArray().Select(e => Element(key, e))),
            _ => Element(key, v),
        };
    }

    private static string Element(string key, JsonElement e) => (key, e.ValueKind) switch
    {
        ("Roles", JsonValueKind.String) => Roles.French(e.GetString()!),
        ("WorkingDays", JsonValueKind.Number) when e.TryGetInt32(out var d) && d is >= 1 and <= 7 => DayNames[d - 1],
        ("LockedUntil", JsonValueKind.String) when DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, out var t) => FrenchTime.Format(t),
        (_, JsonValueKind.String) => e.GetString()!,
        _ => e.GetRawText(),
    };
}
