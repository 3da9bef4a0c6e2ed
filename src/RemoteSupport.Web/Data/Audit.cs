using System.Text.Json;
using RemoteSupport.Domain.Activity;

namespace RemoteSupport.Web.Data;

/// <summary>
/// The one writer of the audit trail of administrative changes: who changed what, when, with the changed fields before
/// and after. Every administration handler (users, departments, teams, video tools, checklists, create-admin) records
/// through here, with a typed area and action. Handlers add the entry to the context before their one SaveChanges, so
/// the change and its record commit together.
/// </summary>
public static class AuditTrail
{
    // Secrets never enter the trail, whatever a caller puts in a snapshot.
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "Password", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "OneTimePassword", "Token",
    };

    public static AuditEntry Record(AppDbContext db, Guid actorId, DateTimeOffset at, AuditArea area, AuditAction action, string entityId,
        int? departmentId, Dictionary<string, object?>? before, Dictionary<string, object?>? after)
    {
        var entry = AuditEntry.Of(departmentId, actorId, at, area, action, entityId, ToJson(before), ToJson(after));
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
