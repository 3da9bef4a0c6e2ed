using System.Text.Json;
using RemoteSupport.Domain.Activity;

namespace RemoteSupport.Web.Data;

/// <summary>
/// The audit trail of administrative changes: who changed what, when, with the changed fields before and after.
/// Handlers add the entry to the context before their one SaveChanges, so the change and its record commit together.
/// </summary>
public static class AuditTrail
{
    public static class Areas
    {
        public const string Users = "Users";
        public const string Departments = "Departments";
        public const string Teams = "Teams";
        public const string VideoTools = "VideoTools";
        public const string MessageTexts = "MessageTexts";
        public const string Directory = "Directory";
        public const string PublicGuides = "PublicGuides";
        public static readonly string[] All = [Users, Departments, Teams, VideoTools, MessageTexts, Directory, PublicGuides];
    }

    public static class Actions
    {
        public const string Create = "Create";
        public const string Update = "Update";
        public const string Deactivate = "Deactivate";
        public const string Reactivate = "Reactivate";
        public const string Unlock = "Unlock";
        public const string ResetPassword = "ResetPassword";
        public const string Delete = "Delete";
    }

    // Secrets never enter the trail, whatever a caller puts in a snapshot.
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "Password", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "OneTimePassword", "Token",
    };

    public static AuditEntry Record(AppDbContext db, Guid actorId, DateTimeOffset at, string area, string action, string entityId,
        int? departmentId, Dictionary<string, object?>? before, Dictionary<string, object?>? after)
    {
        var entry = new AuditEntry
        {
            ActorId = actorId,
            At = at,
            Area = area,
            Action = action,
            EntityId = entityId,
            DepartmentId = departmentId,
            Before = ToJson(before),
            After = ToJson(after),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Keeps only the fields whose value changed, so an entry reads as a short before → after.</summary>
    public static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Changes(
        Dictionary<string, object?> before, Dictionary<string, object?> after)
    {
        var changedBefore = new Dictionary<string, object?>();
        var changedAfter = new Dictionary<string, object?>();
        foreach (var key in before.Keys.Union(after.Keys))
        {
            var b = before.GetValueOrDefault(key);
            var a = after.GetValueOrDefault(key);
            if (JsonSerializer.Serialize(b) == JsonSerializer.Serialize(a)) continue;
            if (before.ContainsKey(key)) changedBefore[key] = b;
            if (after.ContainsKey(key)) changedAfter[key] = a;
        }
        return (changedBefore, changedAfter);
    }

    private static string? ToJson(Dictionary<string, object?>? values)
    {
        if (values is null) return null;
        var secret = values.Keys.FirstOrDefault(Forbidden.Contains);
        if (secret is not null) throw new ArgumentException($"The audit trail never stores {secret}.", nameof(values));
        return JsonSerializer.Serialize(values);
    }
}
