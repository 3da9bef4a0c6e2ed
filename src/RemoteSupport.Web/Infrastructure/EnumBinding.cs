using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// The one way a choice becomes an enum value, for every bound property of every page (typed properties through this
/// binder, text properties through <see cref="FormEnum"/>, which it uses): a member's exact name, never a number
/// ("2" is not a choice of any form) nor an undefined value. A refused value is a binding error that
/// <see cref="InputValidationFilter"/> turns into a French message next to its field.
/// </summary>
public sealed class EnumNameModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.ModelType;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsEnum ? new EnumNameModelBinder(underlying, nullable: underlying != type) : null;
    }

    private sealed class EnumNameModelBinder(Type enumType, bool nullable) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var posted = context.ValueProvider.GetValue(context.ModelName);
            if (posted == ValueProviderResult.None) return Task.CompletedTask;
            context.ModelState.SetModelValue(context.ModelName, posted);
            var value = posted.FirstValue;
            var messages = context.ModelMetadata.ModelBindingMessageProvider;
            if (string.IsNullOrWhiteSpace(value))
            {
                if (nullable) context.Result = ModelBindingResult.Success(null);
                else context.ModelState.TryAddModelError(context.ModelName, messages.ValueMustNotBeNullAccessor(value ?? ""));
                return Task.CompletedTask;
            }
            if (FormEnum.TryParse(enumType, value, out var parsed)) context.Result = ModelBindingResult.Success(parsed);
            else context.ModelState.TryAddModelError(context.ModelName, messages.AttemptedValueIsInvalidAccessor(value, context.ModelMetadata.Name ?? ""));
            return Task.CompletedTask;
        }
    }
}
