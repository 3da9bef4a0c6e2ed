using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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

    /// <summary>
    /// The version (xmin) a form was posted with. An unreadable one (a tampered form) is not an error to show: it reads
    /// as 0, which is never a row's current version, so the save ends as a concurrency conflict.
    /// </summary>
    public static uint PostedVersion(this PageModel page, uint bound, string key = "Version")
    {
        if (page.ModelState.GetFieldValidationState(key) != ModelValidationState.Invalid) return bound;
        page.ModelState.Remove(key);
        return 0;
    }

    /// <summary>The one message of a save refused because someone else changed the record first (every page says this).</summary>
    public const string ConcurrencyMessage =
        "Quelqu'un d'autre a modifié ces informations pendant que vous remplissiez ce formulaire. Rien n'a été enregistré : "
        + "rechargez la page pour voir la version à jour, puis refaites vos changements si c'est encore utile.";
}

