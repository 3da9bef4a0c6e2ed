namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// One pager for every list (Pages/Shared/_Pager.cshtml), so every list says the same words: « Page précédente »,
/// « Page {n} sur {total} », « Page suivante ».
/// </summary>
/// <param name="Link">The address of page n, filters kept.</param>
/// <param name="Label">The navigation landmark's name, for screen readers.</param>
/// <param name="Count">Optional words after "Page n sur m", e.g. "(12 travailleurs sociaux)".</param>
public sealed record Pager(int Page, int Pages, Func<int, string> Link, string Label = "Pagination", string? Count = null);
