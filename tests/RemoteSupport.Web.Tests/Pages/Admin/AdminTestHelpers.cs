using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Admin;

internal static class AdminTestHelpers
{
    /// <summary>The antiforgery token of a page the user could open, to post somewhere no form of theirs leads.</summary>
    public static string Token(this Page page) =>
        page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No antiforgery token on {page.Url}");

    /// <summary>A POST as a tampering browser would send it: a valid token, fields chosen by hand.</summary>
    public static Task<Page> PostWithTokenAsync(this WebClient client, Page tokenSource, string url, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, [.. fields, ("__RequestVerificationToken", tokenSource.Token())]);

    public static Task<List<AuditEntry>> AuditAsync(this AppFactory factory) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
}
