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

/// <summary>A user with a one-time password must choose their own before anything else.</summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == AppClaims.MustChangePassword)
            && !context.Request.Path.StartsWithSegments("/Account")
            && !context.Request.Path.StartsWithSegments("/health")
            && !context.Request.Path.StartsWithSegments("/css")
            && !context.Request.Path.StartsWithSegments("/js"))
        {
            context.Response.Redirect("/Account/ChangePassword");
            return Task.CompletedTask;
        }
        return next(context);
    }
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
