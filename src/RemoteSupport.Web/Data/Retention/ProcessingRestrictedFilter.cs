using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace RemoteSupport.Web.Data.Retention;

/// <summary>
/// Whatever page tried to change a restricted or anonymised file (the save guard refused it), the user lands back on the
/// file with a French explanation instead of an error page.
/// </summary>
public sealed class ProcessingRestrictedFilter(ITempDataDictionaryFactory tempData) : IAsyncPageFilter
{
    public const string Message =
        "Le traitement de ce dossier est limité (ou le dossier est anonymisé) : il se consulte mais ne se modifie plus. Rien n'a été enregistré.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is ProcessingRestrictedException refused && !executed.ExceptionHandled)
        {
            tempData.GetTempData(context.HttpContext)["flash"] = Message;
            executed.Result = new RedirectToPageResult("/Persons/Details", new { id = refused.PersonId });
            executed.ExceptionHandled = true;
        }
    }
}
