using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin;

/// <summary>Administration pages: values the binder cannot convert get a French message, never an English one or a 500.</summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>A message for a field whose value could not be converted, or null for the general one.</summary>
    protected virtual string? BindingMessage(string key) => null;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        FrenchBindingErrors.Translate(ModelState, BindingMessage);
        // A checkbox re-rendered with a posted "maybe" makes the tag helper throw: show the stored value instead.
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count > 0 && PropertyType(key) is { } type && (type == typeof(bool) || type == typeof(bool?)))
            {
                entry.RawValue = null;
                entry.AttemptedValue = null;
            }
        }
    }

    /// <summary>The type of a bound property from its form name ("Input.IsActive"), or null when unknown.</summary>
    private Type? PropertyType(string key)
    {
        var type = GetType();
        foreach (var part in key.Split('.'))
        {
            var name = part.Split('[')[0];
            var property = MetadataProvider.GetMetadataForType(type).Properties[name];
            if (property is null) return null;
            type = property.ModelType;
        }
        return type;
    }
}
