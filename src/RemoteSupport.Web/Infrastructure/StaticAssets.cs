using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.StaticFiles;

namespace RemoteSupport.Web.Infrastructure;

public static class StaticAssets
{
    /// <summary>
    /// A versioned asset URL (the <c>v</c> that asp-append-version adds: a hash of the file) is cached for a year,
    /// but only when its version is the file's current one. During a rolling deployment a new page may ask an old
    /// instance for the new version: the old file must not be kept for a year under the new name.
    /// </summary>
    public static void CacheVersionedForAYear(StaticFileResponseContext asset)
    {
        var request = asset.Context.Request;
        if (!request.Query.TryGetValue("v", out var version) || version.Count != 1 || !request.Path.HasValue) return;
        var versions = asset.Context.RequestServices.GetRequiredService<IFileVersionProvider>();
        var current = versions.AddFileVersionToPath(request.PathBase, request.Path.Value);
        if (string.Equals(current, request.Path.Value + "?v=" + version[0], StringComparison.Ordinal))
            asset.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
    }
}
