using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// Ties each field to its error message for assistive technologies (RGAA 11.10): the field gets
/// aria-invalid and aria-describedby, the message gets the matching id. Works without JavaScript.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AriaInvalidTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = default!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // No client-side validation script is shipped: drop the unobtrusive attributes it would read.
        foreach (var attribute in output.Attributes.Where(a => a.Name.StartsWith("data-val", StringComparison.Ordinal)).ToList())
            output.Attributes.Remove(attribute);

        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            var id = TagBuilder.CreateSanitizedId(name, "_");
            output.Attributes.SetAttribute("aria-invalid", "true");
            var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? $"{existing.Value} {id}-error" : $"{id}-error";
            output.Attributes.SetAttribute("aria-describedby", describedBy);
        }
    }
}

[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ValidationMessageIdTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")] public ModelExpression For { get; set; } = default!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        output.Attributes.SetAttribute("id", TagBuilder.CreateSanitizedId(name, "_") + "-error");
        output.Attributes.SetAttribute("class", "field-error");
    }
}
