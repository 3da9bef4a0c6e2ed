using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string Title { get; private set; } = "Une erreur est survenue";
    public string Message { get; private set; } = "La page n'a pas pu s'afficher. Réessayez dans un instant ; si le problème continue, signalez-le à votre administrateur.";

    // The code is read from the query string by hand: binding a parameter would make MVC read the body of a re-executed
    // POST, which is what failed in the first place when a form was too large to read.
    public void OnGet() => Describe(QueryCode());
    public void OnPost() => Describe(QueryCode());

    private int? QueryCode() =>
        int.TryParse(Request.Query["code"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;

    private void Describe(int? code)
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is DepartmentIsolationException)
        {
            // A write outside the user's departments reads as "not found": it must not reveal that the record exists.
            logger.LogWarning("Cross-department write refused for user {UserId}", User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
            code = 404;
        }
        if (error is DbUpdateConcurrencyException) code = 409;
        // Kestrel's own refusal of a request it could not read carries its status (400, 413…).
        if (error is BadHttpRequestException bad) code = bad.StatusCode;
        if (code is not null) Response.StatusCode = code.Value;
        (Title, Message) = code switch
        {
            404 => ("Page introuvable", "Cette page n'existe pas ou vous n'y avez pas accès."),
            403 => ("Accès refusé", "Votre rôle ne donne pas accès à cette page."),
            400 => ("Demande incorrecte", "La demande n'a pas pu être traitée. Revenez en arrière et réessayez."),
            409 => ("Modification concurrente", "Quelqu'un d'autre a modifié ces informations en même temps. Rechargez la page et recommencez."),
            _ => (Title, Message),
        };
    }
}
