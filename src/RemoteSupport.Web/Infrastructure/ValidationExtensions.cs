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
        TranslateRemainingBindingErrors(modelState);
        AddErrors(modelState, await validator.ValidateAsync(input, ct), prefix);
        return modelState.IsValid;
    }

    /// <summary>Copies a validator's errors under the bound property's prefix, after any binding error of the same field.</summary>
    public static void AddErrors(ModelStateDictionary modelState, FluentValidation.Results.ValidationResult result, string prefix)
    {
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            // A binding error (e.g. "abc" in a date) already explains the field: do not pile a second message on it.
            if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0) continue;
            modelState.AddModelError(key, error.ErrorMessage);
        }
    }

    /// <summary>
    /// Model binding writes its own messages, in English ("The value '31/02/2024' is not valid for BirthDate."):
    /// an impossible date, letters in a number or an unknown choice would greet a French user in English.
    /// </summary>
    public static void TranslateBindingErrors<T>(ModelStateDictionary modelState, string prefix = "Input") =>
        TranslateBindingErrors(typeof(T), modelState, prefix);

    public static void TranslateBindingErrors(Type root, ModelStateDictionary modelState, string prefix)
    {
        var failed = modelState.Where(kv => kv.Value?.Errors.Any(e => DefaultBindingMessage().IsMatch(e.ErrorMessage)) == true).ToList();
        foreach (var (key, entry) in failed)
        {
            if (entry is null) continue;
            // Only this property's fields: another bound property, or a route value, is translated on its own.
            if (!string.IsNullOrEmpty(prefix) && !key.StartsWith(prefix + ".", StringComparison.Ordinal) && key != prefix) continue;
            var type = key == prefix ? root : PropertyType(root, key, prefix);
            entry.Errors.Clear();
            if (key is "Version" or "RowVersion")
            {
                // An unreadable hidden version is a stale form: the handler's concurrency check refuses it with the
                // one concurrency message, and keeps what was typed.
                entry.ValidationState = ModelValidationState.Valid;
                continue;
            }
            entry.Errors.Add(FieldMessage(key) ?? MessageFor(type));
            // A checkbox is redrawn by converting the posted text back to a bool, which throws on "peut-être":
            // forget the unreadable value so the box is drawn from the model instead of failing the page.
            if (type is not null && (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool))
                modelState.SetModelValue(key, rawValue: null, attemptedValue: null);
        }
    }

    /// <summary>Fields whose choice deserves a message naming what to choose, whatever the page.</summary>
    private static string? FieldMessage(string key) => key[(key.LastIndexOf('.') + 1)..].Split('[')[0] switch
    {
        "Modality" or "NextModality" => "Choisissez une modalité dans la liste.",
        "FallbackModality" or "To" => "Choisissez le plan B dans la liste.",
        "DurationMinutes" or "NextDurationMinutes" => "Indiquez la durée en minutes, par exemple 45.",
        "VideoToolId" or "NextVideoToolId" => "Choisissez un outil de visioconférence dans la liste.",
        "Relation" => "Choisissez le lien avec la personne dans la liste.",
        "Reason" => "Choisissez une raison dans la liste.",
        "FaceToFaceReason" => "Choisissez le motif de la rencontre physique dans la liste.",
        _ => null,
    };

    /// <summary>Binding errors outside any bound property (a route or query value): a general French message.</summary>
    public static void TranslateRemainingBindingErrors(ModelStateDictionary modelState)
    {
        foreach (var (_, entry) in modelState.Where(kv => kv.Value?.Errors.Any(e => DefaultBindingMessage().IsMatch(e.ErrorMessage)) == true).ToList())
        {
            if (entry is null) continue;
            entry.Errors.Clear();
            entry.Errors.Add(MessageFor(null));
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
            // "Participants[1]": the element's type.
            if (part.Contains('[', StringComparison.Ordinal))
                type = type.IsArray ? type.GetElementType()! : type.IsGenericType ? type.GetGenericArguments()[0] : type;
        }
        return type;
    }

    // The default texts of ASP.NET Core's ModelBindingMessageProvider.
    // Model binding's messages: French from FrenchBindingMessages (app-wide), English from the framework's defaults.
    [GeneratedRegex(@"^(La valeur « .* » n'est pas valable|Cette valeur n'est pas valable|Ce champ doit être rempli\.|Saisissez un nombre\.|La demande est vide\.|The value '.*' is (not valid|invalid)|The supplied value is invalid|The field .*must be a number|A value (for the '.*' parameter or property was not provided|is required)|A non-empty request body is required)",
        RegexOptions.Singleline)]
    private static partial Regex DefaultBindingMessage();
}
