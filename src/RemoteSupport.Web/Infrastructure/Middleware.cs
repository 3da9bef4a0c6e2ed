using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>Same-origin only: the app serves its own assets and talks to no other host.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        return next(context);
    }
}

/// <summary>
/// A user with a one-time password must choose their own before anything else; then an account that must have a second
/// factor (administrators, team leads, everyone in a department that asks for it) enrols one before anything else.
/// </summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var free = path.StartsWithSegments("/Account") || path.StartsWithSegments("/health") || path.StartsWithSegments("/css")
            || path.StartsWithSegments("/js") || path.StartsWithSegments("/Error");
        if (!free && context.User.HasClaim(c => c.Type == AppClaims.MustChangePassword))
        {
            context.Response.Redirect("/Account/ChangePassword");
            return Task.CompletedTask;
        }
        if (!free && context.Features.Get<SessionState>() is { MustEnrolSecondFactor: true })
        {
            context.Response.Redirect("/Account/TwoFactor?required=1");
            return Task.CompletedTask;
        }
        return next(context);
    }
}

/// <summary>The session check found the database unreachable: the request ends as an outage (503 on the error page).</summary>
public sealed class DatabaseOutageMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Items[SessionValidation.DatabaseDownItem] is Exception e
        && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null
            ? throw new DatabaseUnavailableException(e)
            : next(context);
}

public sealed class DatabaseUnavailableException(Exception inner) : Exception("The database could not be reached.", inner);

/// <summary>
/// Control characters never reach a handler: PostgreSQL refuses NUL in text (a 500 before), and no search or filter of
/// the application needs one. In a query string they are stripped (the search or filter goes on with what is left, as
/// for any odd value); a path with one is refused (400).
/// </summary>
public sealed class ControlCharacterGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HasControl(request.Path.Value))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask; // the status page (re-executed) shows the French "Demande incorrecte"
        }
        if (request.QueryString.HasValue && request.Query.Any(q => HasControl(q.Key) || q.Value.Any(HasControl)))
        {
            var cleaned = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder();
            foreach (var (key, values) in request.Query)
                foreach (var value in values)
                    cleaned.Add(Strip(key), Strip(value ?? ""));
            request.QueryString = cleaned.ToQueryString();
        }
        return next(context);
    }

    private static bool HasControl(string? text) => text is not null && text.Any(char.IsControl);

    private static string Strip(string text) => new(text.Where(c => !char.IsControl(c)).ToArray());
}

/// <summary>
/// Pages and exports carry personal data: no copy is kept in a browser's or a proxy's cache (a shared computer, the
/// back button after signing out). Placed after the static files, which keep their validators and stay cacheable.
/// </summary>
public sealed class NoStoreMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // The same values antiforgery sets on a page with a form, so it has nothing to override (and no warning to log).
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers.Pragma = "no-cache";
        return next(context);
    }
}
