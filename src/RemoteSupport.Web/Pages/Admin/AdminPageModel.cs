using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin;

/// <summary>Administration pages: values the binder cannot convert get a French message, never an English one.</summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>A message for a field whose value could not be converted, or null for the general one.</summary>
    protected virtual string? BindingMessage(string key) => null;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
        FrenchBindingErrors.Translate(ModelState, BindingMessage);
}
