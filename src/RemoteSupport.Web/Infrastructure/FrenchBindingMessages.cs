using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// Model binding's own messages ("The value 'abc' is not valid…") appear when a typed value cannot become a date,
/// a number or a choice — e.g. a tampered form. They are shown next to the field, so they too must be French.
/// </summary>
public static class FrenchBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, _) => $"La valeur « {value} » n'est pas valable pour ce champ.");
        p.SetMissingBindRequiredValueAccessor(_ => "Ce champ doit être rempli.");
        p.SetMissingKeyOrValueAccessor(() => "Ce champ doit être rempli.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "La demande est vide.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valable.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Cette valeur n'est pas valable.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Saisissez un nombre.");
        p.SetUnknownValueIsInvalidAccessor(_ => "Cette valeur n'est pas valable pour ce champ.");
        p.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valable.");
        p.SetValueMustBeANumberAccessor(_ => "Saisissez un nombre.");
        p.SetValueMustNotBeNullAccessor(_ => "Ce champ doit être rempli.");
    }
}
