using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    /// <summary>Seconds a client is asked to wait when the database cannot be reached: one value for the app (ADR-0020).</summary>
    public const int RetryAfterSeconds = Infrastructure.Operations.DatabaseFailures.RetryAfterSeconds;

    public string Title { get; private set; } = "Une erreur est survenue";
    public string Message { get; private set; } = "La page n'a pas pu s'afficher. Réessayez dans un instant ; si le problème continue, signalez-le à votre administrateur.";

    // Described before any handler runs, so every verb that ends here (a PUT, a DELETE re-executed as such) gets the
    // French page. The code is read from the query string by hand: binding a parameter would make MVC read the body
    // of a re-executed POST, which is what failed in the first place when a form was too large to read.
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Describe(QueryCode());

    public void OnGet() { }
    public void OnPost() { }

    private int? QueryCode() =>
        int.TryParse(Request.Query["code"], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;

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
        // A form whose values cannot be read (a NUL or another character a form may not carry).
        if (error is System.IO.InvalidDataException) code = 400;
        if (error is not null && IsDatabaseUnavailable(error))
        {
            logger.LogWarning("Database unavailable: {Error}", error.GetType().Name);
            code = 503;
            Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        if (code is not null) Response.StatusCode = code.Value;
        (Title, Message) = code switch
        {
            404 => ("Page introuvable", "Cette page n'existe pas ou vous n'y avez pas accès."),
            403 => ("Accès refusé", "Votre rôle ne donne pas accès à cette page."),
            400 => ("Demande incorrecte", "La demande n'a pas pu être traitée. Revenez en arrière et réessayez."),
            405 => ("Action impossible sur cette page", "Cette page ne fait que s'afficher : elle n'accepte pas l'envoi d'un formulaire. Revenez en arrière et rechargez la page."),
            409 when HttpContext.Items.ContainsKey(FormOnceFilter.AlreadySentItem) =>
                ("Formulaire déjà envoyé", "Ce formulaire a déjà été envoyé et enregistré une fois : il n'a pas été enregistré une seconde fois. Revenez à la fiche et rechargez-la pour voir le résultat."),
            409 => ("Modification concurrente", "Quelqu'un d'autre a modifié ces informations en même temps. Rechargez la page et recommencez."),
            429 => ("Trop de demandes", "Trop de demandes en peu de temps depuis cet endroit. Patientez une minute, puis réessayez."),
            503 => ("Service momentanément indisponible", "L'application ne peut pas joindre sa base de données pour le moment. Rien n'a été perdu de ce qui était déjà enregistré : réessayez dans quelques instants."),
            _ => (Title, Message),
        };
    }

    /// <summary>
    /// PostgreSQL cannot be reached or is going away (connection refused, reset, timed out, shutting down, too many
    /// connections): an outage, answered 503 with Retry-After, not a fault of the application.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception error) => Infrastructure.Operations.DatabaseFailures.IsTransient(error);
}
