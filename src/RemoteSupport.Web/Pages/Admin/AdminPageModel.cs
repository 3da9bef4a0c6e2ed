using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RemoteSupport.Web.Pages.Admin;

/// <summary>
/// Administration pages. Values the binder cannot convert already get a French message app-wide
/// (<c>FrenchBindingMessages</c>, <c>CheckboxBindingFilter</c>); a page may name a more precise one per field.
/// </summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>A message for a field whose value could not be converted, or null to keep the general one.</summary>
    protected virtual string? BindingMessage(string key) => null;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count == 0 || BindingMessage(key) is not { } message) continue;
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }
}
