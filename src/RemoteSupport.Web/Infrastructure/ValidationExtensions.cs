using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RemoteSupport.Web.Infrastructure;

public static partial class ValidationExtensions
{
    /// <summary>
    /// Runs a validator explicitly (no auto-validation) and copies its errors into ModelState under the bound
    /// property's prefix, so each message is shown next to its field. Returns true when the input is valid
    /// and model binding found nothing wrong either. Call it first in a POST handler: the errors already in
    /// ModelState are taken to be model binding's, and its English messages are replaced by French ones.
    /// </summary>
    public static async Task<bool> ValidateInto<T>(this IValidator<T> validator, ModelStateDictionary modelState, T input,
        CancellationToken ct, string prefix = "Input")
    {
        TranslateBindingErrors<T>(modelState, prefix);
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

    /// <summary>
    /// Model binding writes its own messages, in English ("The value '31/02/2024' is not valid for BirthDate."):
    /// an impossible date, letters in a number or an unknown choice would greet a French user in English.
    /// </summary>
    public static void TranslateBindingErrors<T>(ModelStateDictionary modelState, string prefix = "Input")
    {
        var failed = modelState.Where(kv => kv.Value?.Errors.Any(e => DefaultBindingMessage().IsMatch(e.ErrorMessage)) == true).ToList();
        foreach (var (key, entry) in failed)
        {
            if (entry is null) continue;
            var type = PropertyType(typeof(T), key, prefix);
            entry.Errors.Clear();
            entry.Errors.Add(MessageFor(type));
            // A checkbox is redrawn by converting the posted text back to a bool, which throws on "peut-être":
            // forget the unreadable value so the box is drawn from the model instead of failing the page.
            if (type is not null && (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool))
                modelState.SetModelValue(key, rawValue: null, attemptedValue: null);
        }
    }

    /// <summary>The French message for a value that could not be read into a property of this type.</summary>
    public static string MessageFor(Type? type)
    {
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (t is not null && t != typeof(string) && t.IsGenericType && t.GetGenericArguments() is [var element]) t = Nullable.GetUnderlyingType(element) ?? element;
        if (t is null) return "La valeur saisie n'est pas valide.";
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset)) return "Saisissez une date qui existe, au format jj/mm/aaaa.";
        if (t == typeof(TimeOnly) || t == typeof(TimeSpan)) return "Saisissez une heure valide, par exemple 14:30.";
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(decimal) || t == typeof(double)) return "Saisissez un nombre entier, en chiffres.";
        if (t == typeof(bool)) return "Cochez la case ou laissez-la vide.";
        if (t.IsEnum || t == typeof(Guid)) return "Choisissez une valeur proposée dans la liste.";
        return "La valeur saisie n'est pas valide.";
    }

    private static Type? PropertyType(Type root, string key, string prefix)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            if (!key.StartsWith(prefix + ".", StringComparison.Ordinal)) return null;
            key = key[(prefix.Length + 1)..];
        }
        var type = root;
        foreach (var part in key.Split('.'))
        {
            var name = part.Split('[')[0];
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = property.PropertyType;
        }
        return type;
    }

    // The default texts of ASP.NET Core's ModelBindingMessageProvider.
    // Model binding's messages: French from FrenchBindingMessages (app-wide), English from the framework's defaults.
    [GeneratedRegex(@"^(La valeur « .* » n'est pas valable|Cette valeur n'est pas valable|Ce champ doit être rempli\.|Saisissez un nombre\.|La demande est vide\.|The value '.*' is (not valid|invalid)|The supplied value is invalid|The field .*must be a number|A value (for the '.*' parameter or property was not provided|is required)|A non-empty request body is required)",
        RegexOptions.Singleline)]
    private static partial Regex DefaultBindingMessage();
}
