using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// A tampered checkbox ("LivesAlone=peut-être") fails to bind, and the checkbox tag helper would then throw while
/// parsing that value to redraw the box: a 500 instead of a message. For boolean fields in error, the raw value is
/// reset to false before the page runs; the French binding message stays next to the field.
/// </summary>
public sealed class CheckboxBindingFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var modelState = context.ModelState;
        var pageType = context.HandlerInstance.GetType();
        foreach (var (key, entry) in modelState.Where(e => e.Value is { ValidationState: ModelValidationState.Invalid }).ToList())
        {
            if (entry is null || entry.RawValue is null || bool.TryParse(Convert.ToString(entry.RawValue, System.Globalization.CultureInfo.InvariantCulture), out _)) continue;
            var type = PropertyType(pageType, key);
            if (type == typeof(bool) || type == typeof(bool?))
            {
                var errors = entry.Errors.ToList();
                modelState.SetModelValue(key, rawValue: false, attemptedValue: entry.AttemptedValue);
                foreach (var error in errors) modelState[key]!.Errors.Add(error);
                modelState[key]!.ValidationState = ModelValidationState.Invalid;
            }
        }
        return next();
    }

    private static Type? PropertyType(Type root, string key)
    {
        var type = root;
        foreach (var segment in key.Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = property.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal) && type.IsGenericType) type = type.GetGenericArguments()[^1];
        }
        return type;
    }
}
