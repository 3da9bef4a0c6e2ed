using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RemoteSupport.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>
    /// Runs a validator explicitly (no auto-validation) and copies its errors into ModelState under the bound
    /// property's prefix, so each message is shown next to its field. Returns true when the input is valid
    /// and model binding found nothing wrong either.
    /// </summary>
    public static async Task<bool> ValidateInto<T>(this IValidator<T> validator, ModelStateDictionary modelState, T input,
        CancellationToken ct, string prefix = "Input")
    {
        var result = await validator.ValidateAsync(input, ct);
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            // A binding error (e.g. "abc" in a date) already explains the field: do not pile a second message on it.
            if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0) continue;
            modelState.AddModelError(key, error.ErrorMessage);
        }
        return modelState.IsValid;
    }
}
