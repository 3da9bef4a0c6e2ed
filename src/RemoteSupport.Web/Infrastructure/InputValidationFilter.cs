using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// Names the bound properties a page handler validates, when the page binds several forms (an "add" form and an
/// "edit" form on one page): the filter then validates only these. Without it, a POST validates every bound
/// property that has a validator.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ValidatesAttribute(params string[] properties) : Attribute
{
    public IReadOnlyList<string> Properties { get; } = properties;
}

/// <summary>
/// The one input pipeline of every page. Before a handler runs: model binding's messages become French ones next to
/// their field, and each bound property that has a FluentValidation validator is validated into ModelState under its
/// own prefix (on POST; on GET only the properties bound with <c>SupportsGet</c>, such as a list's filters). A handler
/// then only asks <c>ModelState.IsValid</c>. Validation stays explicit (no FluentValidation auto-validation): this
/// filter is the one place that calls the validators.
/// </summary>
public sealed class InputValidationFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is { } page && context.ActionDescriptor is CompiledPageActionDescriptor descriptor)
        {
            var isGet = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method);
            var only = context.HandlerMethod?.MethodInfo.GetCustomAttribute<ValidatesAttribute>()?.Properties;
            foreach (var bound in descriptor.BoundProperties)
            {
                if (bound is not PageBoundPropertyDescriptor { Property: var property }) continue;
                var supportsGet = property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet == true;
                if (isGet && !supportsGet) continue;
                ValidationExtensions.TranslateBindingErrors(property.PropertyType, context.ModelState, property.Name);
                if (only is not null && !only.Contains(property.Name)) continue;
                var validatorType = typeof(IValidator<>).MakeGenericType(property.PropertyType);
                if (context.HttpContext.RequestServices.GetService(validatorType) is not IValidator validator) continue;
                var value = property.GetValue(page);
                if (value is null) continue;
                var result = await validator.ValidateAsync(new ValidationContext<object>(value), context.HttpContext.RequestAborted);
                ValidationExtensions.AddErrors(context.ModelState, result, property.Name);
            }
            ValidationExtensions.TranslateRemainingBindingErrors(context.ModelState);
        }
        await next();
    }
}
