using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RemoteSupport.Web.Infrastructure;

public static class PageModelExtensions
{
    /// <summary>Shows a rule's refusal at the top of the form, keeping everything the user typed.</summary>
    public static IActionResult PageWithError(this PageModel page, string message, string key = "")
    {
        page.ModelState.AddModelError(key, message);
        return page.Page();
    }

    public const string ConcurrencyMessage =
        "Quelqu'un d'autre a modifié cette fiche pendant que vous la saisissiez. Vos changements n'ont pas été enregistrés : "
        + "rechargez la page pour voir la version à jour, puis refaites vos modifications.";
}

