using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RemoteSupport.Web.Infrastructure;

public static class FrenchBindingErrors
{
    /// <summary>
    /// Model binding reports values it cannot convert ("abc" for a number, "25:99" for a time, an unknown option) in
    /// English. Runs after binding and before the handler: each such error becomes a French message next to its field.
    /// </summary>
    public static void Translate(ModelStateDictionary modelState, Func<string, string?>? specific = null)
    {
        foreach (var (key, entry) in modelState)
        {
            if (entry.Errors.Count == 0) continue;
            var message = specific?.Invoke(key)
                ?? (string.IsNullOrWhiteSpace(entry.AttemptedValue) ? "Ce champ est obligatoire." : "La valeur saisie n'est pas valide.");
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }
}
