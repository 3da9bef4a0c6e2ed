using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// A request no handler of the page answers is refused instead of rendering a page whose handler never ran (a
/// NullReferenceException, a 500, before): another verb than the page's (a POST to a read-only page) is 405 with
/// <c>Allow</c>, an unknown <c>?handler=</c> is 400.
/// </summary>
public sealed class HandlerGuardFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (context.HandlerMethod is not null
            || http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            return next();
        var handlers = context.ActionDescriptor.HandlerMethods;
        var method = http.Request.Method;
        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        // A page without any handler (a static text) is read as it is.
        if (handlers.Count == 0 && isRead) return next();
        var sameVerb = handlers.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)
                                         || (HttpMethods.IsHead(method) && string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)));
        if (sameVerb)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return Task.CompletedTask;
        }
        var allowed = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToList();
        if (allowed.Count == 0) allowed.Add("GET");
        http.Response.Headers.Allow = string.Join(", ", allowed);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Marks a handler that hands data out of the application (an export): it asks for a second-factor check made less
/// than <see cref="MaxAge"/> ago in this session, and sends the person to prove it first otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = true)]
public sealed class RequireFreshSecondFactorAttribute : Attribute
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(15);
}

public sealed class FreshSecondFactorFilter(SessionClock clock) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var marked = context.HandlerMethod?.MethodInfo.IsDefined(typeof(RequireFreshSecondFactorAttribute), inherit: true) == true
                     || context.HandlerInstance.GetType().IsDefined(typeof(RequireFreshSecondFactorAttribute), inherit: true);
        if (!marked) return next();
        var session = context.HttpContext.Features.Get<SessionState>();
        if (session?.SecondFactorAt is { } at && clock.Now - at <= RequireFreshSecondFactorAttribute.MaxAge) return next();
        var request = context.HttpContext.Request;
        context.Result = new RedirectToPageResult("/Account/Reauthenticate", new { returnUrl = request.Path + request.QueryString });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Puts a one-time key in every form that posts (next to the antiforgery token): see <see cref="FormOnceFilter"/>.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class FormOnceTagHelper : TagHelper
{
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var method = output.Attributes["method"]?.Value?.ToString();
        if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase)) return;
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{FormOnceFilter.FieldName}\" value=\"{Guid.NewGuid()}\">");
    }
}

/// <summary>
/// A form posted twice (a double click, a retry after an error page) is processed once. Its one-time key is added to
/// the request's <see cref="AppDbContext"/> before the handler runs, so it is saved in the same transaction as the
/// handler's own write: if that write committed, the key did too, and a second submission is answered with the first
/// one's redirect (and message) instead of writing again; two submissions at the same moment collide on the key's
/// primary key and the second one's whole transaction rolls back. A handler that wrote nothing (a refusal, a form shown
/// again with its errors) leaves no key behind, so the corrected form goes through.
/// </summary>
public sealed class FormOnceFilter(TimeProvider clock, ITempDataDictionaryFactory tempData, ILogger<FormOnceFilter> logger)
    : IAsyncPageFilter, IAsyncResultFilter
{
    public const string FieldName = "__FormKey";
    private const string PendingItem = "rs:form-key";
    public const string AlreadySentItem = "rs:form-already-sent";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType || http.User.UserId() is not { } userId
            || http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next();
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!Guid.TryParse(form.TryGetValue(FieldName, out var posted) ? posted.ToString() : null, out var key))
        {
            await next();
            return;
        }
        var bodyHash = BodyHash(form);
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var earlier = await db.FormSubmissions.AsNoTracking().FirstOrDefaultAsync(f => f.Key == key && f.BodyHash == bodyHash, http.RequestAborted);
        if (earlier is not null)
        {
            context.Result = Replay(http, earlier, userId);
            return;
        }

        var submission = new FormSubmission { Key = key, BodyHash = bodyHash, UserId = userId, CreatedAt = clock.GetUtcNow() };
        db.FormSubmissions.Add(submission);
        var executed = await next();
        var entry = db.Entry(submission);
        if (executed.Exception is not null && !executed.ExceptionHandled && IsThisKeyTaken(executed.Exception))
        {
            // The same form, submitted again while the first was being saved: this transaction rolled back entirely.
            executed.ExceptionHandled = true;
            db.ChangeTracker.Clear();
            var first = await WaitForFirstAsync(db, key, bodyHash, http.RequestAborted);
            executed.Result = first is null ? AlreadySent(http) : Replay(http, first, userId);
            return;
        }
        if (entry.State == EntityState.Added)
        {
            entry.State = EntityState.Detached; // nothing was saved: the key stays free for the corrected form
            return;
        }
        if (entry.State == EntityState.Unchanged && executed.Exception is null) http.Items[PendingItem] = (key, bodyHash);
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        await next();
        var http = context.HttpContext;
        if (http.Items[PendingItem] is not ValueTuple<Guid, string> (var key, var bodyHash)) return;
        var location = http.Response.Headers.Location.ToString();
        if (http.Response.StatusCode is < 300 or >= 400 || string.IsNullOrEmpty(location)) return;
        var flash = tempData.GetTempData(http).Peek("flash") as string;
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        await db.FormSubmissions.Where(f => f.Key == key && f.BodyHash == bodyHash)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.ResultUrl, location).SetProperty(f => f.Flash, flash), CancellationToken.None);
        // Keys are needed for minutes (a retry); a day is ample. Cleaned from time to time, by whichever request comes.
        if (Random.Shared.Next(100) == 0)
        {
            var before = clock.GetUtcNow().AddDays(-1);
            await db.FormSubmissions.Where(f => f.CreatedAt < before).ExecuteDeleteAsync(CancellationToken.None);
        }
    }

    private IActionResult Replay(HttpContext http, FormSubmission earlier, Guid userId)
    {
        if (earlier.UserId != userId) return new StatusCodeResult(StatusCodes.Status400BadRequest);
        if (earlier.ResultUrl is null) return AlreadySent(http);
        logger.LogInformation("Form {FormKey} submitted again by {UserId}: first result replayed", earlier.Key, userId);
        if (earlier.Flash is not null) tempData.GetTempData(http)["flash"] = earlier.Flash;
        return new RedirectResult(earlier.ResultUrl);
    }

    private static StatusCodeResult AlreadySent(HttpContext http)
    {
        http.Items[AlreadySentItem] = true;
        return new StatusCodeResult(StatusCodes.Status409Conflict);
    }

    private static string BodyHash(IFormCollection form)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, values) in form.Where(f => f.Key is not (FieldName or "__RequestVerificationToken")).OrderBy(f => f.Key, StringComparer.Ordinal))
            foreach (var value in values) text.Append(name).Append('=').Append(value).Append('\n');
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static async Task<FormSubmission?> WaitForFirstAsync(AppDbContext db, Guid key, string bodyHash, CancellationToken ct)
    {
        for (var i = 0; i < 20; i++)
        {
            var first = await db.FormSubmissions.AsNoTracking().FirstOrDefaultAsync(f => f.Key == key && f.BodyHash == bodyHash, ct);
            if (first?.ResultUrl is not null) return first;
            await Task.Delay(100, ct);
        }
        return null;
    }

    private static bool IsThisKeyTaken(Exception error) =>
        error is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg }
        && pg.ConstraintName == "PK_FormSubmissions";
}

public sealed class SignInThrottleOptions
{
    /// <summary>Failed sign-ins (password or second factor) one client address may make per window.</summary>
    public int FailuresPerAddress { get; set; } = 20;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Failed sign-ins counted per client address (ASP.NET Core's rate limiters, one fixed window per address): past the
/// limit, the address is refused (429, Retry-After) until the window ends, whatever account it tries. Only failures
/// count, so a whole office behind one address signing in at nine is not slowed down. Kept in memory: each instance
/// counts its own (stated in docs/security.md).
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailuresPerAddress, Window = options.Value.Window, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <returns>Null when the address may try; otherwise how long it must wait.</returns>
    public TimeSpan? Refusal(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(Address(context), 0);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.Window;
    }

    public void Failed(HttpContext context) => _failures.AttemptAcquire(Address(context), 1).Dispose();

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _failures.Dispose();
}
