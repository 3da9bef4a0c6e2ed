namespace RemoteSupport.Web.Data;

/// <summary>Enum values as the database stores them: their names, in text.</summary>
public static class StoredEnums
{
    /// <summary>
    /// The values of a comma-joined list of names (what <c>string.Join(",", column)</c> becomes in SQL), in stored
    /// order; a name the code no longer knows is left out rather than failing the page.
    /// </summary>
    public static List<T> ParseList<T>(string? joined) where T : struct, Enum
    {
        var values = new List<T>();
        if (string.IsNullOrEmpty(joined)) return values;
        foreach (var range in joined.AsSpan().Split(','))
            if (Enum.TryParse<T>(joined.AsSpan(range), out var value) && Enum.IsDefined(value)) values.Add(value);
        return values;
    }
}
