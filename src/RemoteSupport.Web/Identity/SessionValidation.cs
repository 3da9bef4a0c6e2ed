using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Identity;

public sealed class SessionOptions
{
    /// <summary>However active, a session ends this long after sign-in.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(10);
    /// <summary>How stale the last-seen time may get before it is written again (one small write per minute of use).</summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// The clock sessions are timed by; the application's own when not set. Tests give sessions a clock of their own, so
    /// tests of other features can move "now" by days without their sessions expiring.
    /// </summary>
    public TimeProvider? Clock { get; set; }
}

/// <summary>"Now" for session times: sign-in, last seen, idle, lifetime, second-factor freshness.</summary>
public sealed class SessionClock(TimeProvider clock, Microsoft.Extensions.Options.IOptions<SessionOptions> options)
{
    public DateTimeOffset Now => (options.Value.Clock ?? clock).GetUtcNow();
}

/// <summary>What the request's session check learned, for the middleware and filters that follow (no second query).</summary>
public sealed record SessionState(Guid SessionId, Guid UserId, DateTimeOffset CreatedAt, DateTimeOffset? SecondFactorAt,
    bool TwoFactorEnabled, bool MustEnrolSecondFactor);

/// <summary>
/// Checks the sign-in cookie against the server on every request, with one query: its session (not ended, not idle
/// for longer than the department allows, younger than the absolute lifetime), and its user (active, same security
/// stamp, same roles, departments and team as the cookie says). A deactivation, a sign-out elsewhere or a new password
/// ends the session at the next request; a role or department change rebuilds the cookie's claims at the next request.
/// Measured in docs/security.md (about one primary-key lookup per request).
/// </summary>
public static class SessionValidation
{
    public const string EndedItem = "rs:session-ended";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        try
        {
            await ValidateSessionAsync(context);
        }
        catch (Exception e) when (RemoteSupport.Web.Pages.ErrorModel.IsDatabaseUnavailable(e))
        {
            // The authentication handler keeps its result for the whole request, the error page's re-run included: a
            // failure thrown from here would be thrown again there. The session is set aside (its cookie is kept) and
            // DatabaseOutageMiddleware throws once authentication is over, so the error page answers 503.
            context.HttpContext.Items[DatabaseDownItem] = e;
            context.RejectPrincipal();
        }
    }

    public const string DatabaseDownItem = "rs:database-down";

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        // The error and status pages re-run the pipeline for a request already checked (or whose check failed because
        // the database is down): they show no personal data, so the cookie is taken as it is.
        if (http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null) return;

        var principal = context.Principal!;
        var sessionId = AppSignInManager.SessionId(principal);
        var userId = principal.UserId();
        if (sessionId is null || userId is null)
        {
            await RejectAsync(context, SessionEnd.SignedOut);
            return;
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<SessionClock>();
        var options = services.GetRequiredService<IOptions<SessionOptions>>().Value;
        var identityOptions = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var now = clock.Now;

        var row = (await db.Database.SqlQuery<SessionRow>($"""
            SELECT s."UserId", s."CreatedAt", s."LastSeenAt", s."EndedAt", s."SecondFactorAt",
                   u."IsActive", u."SecurityStamp", u."DepartmentId", u."TeamId", u."MustChangePassword", u."TwoFactorEnabled",
                   d."IdleTimeoutMinutes", d."RequireTwoFactorForAll",
                   (SELECT string_agg(r."Name", ',' ORDER BY r."Name") FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                     WHERE ur."UserId" = u."Id") AS "Roles",
                   (SELECT string_agg(g."DepartmentId"::text, ',') FROM "UserDepartmentGrants" g WHERE g."UserId" = u."Id") AS "Grants"
            FROM "UserSessions" s
            JOIN "AspNetUsers" u ON u."Id" = s."UserId"
            JOIN "Departments" d ON d."Id" = u."DepartmentId"
            WHERE s."Id" = {sessionId.Value}
            """).ToListAsync(http.RequestAborted)).FirstOrDefault();

        if (row is null || row.UserId != userId.Value || row.EndedAt is not null)
        {
            await RejectAsync(context, SessionEnd.SignedOut);
            return;
        }
        SessionEnd? end =
            !row.IsActive ? SessionEnd.Deactivated
            : row.SecurityStamp != principal.FindFirstValue(identityOptions.ClaimsIdentity.SecurityStampClaimType) ? SessionEnd.CredentialsChanged
            : now - row.CreatedAt > options.AbsoluteLifetime ? SessionEnd.Lifetime
            : now - row.LastSeenAt > TimeSpan.FromMinutes(row.IdleTimeoutMinutes) ? SessionEnd.Idle
            : null;
        if (end is { } reason)
        {
            await AppSignInManager.EndAsync(db, sessionId.Value, reason, now);
            await RejectAsync(context, reason);
            return;
        }

        if (now - row.LastSeenAt > options.LastSeenResolution)
            await db.Database.ExecuteSqlAsync($"""UPDATE "UserSessions" SET "LastSeenAt" = {now} WHERE "Id" = {sessionId.Value}""", http.RequestAborted);

        var roles = (row.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (!SameClaims(principal, row, roles))
        {
            // An administrator changed the roles, departments or team: the cookie is rebuilt now, not at the next sign-in.
            var signIn = services.GetRequiredService<SignInManager<AppUser>>();
            var user = await signIn.UserManager.FindByIdAsync(userId.Value.ToString());
            if (user is null)
            {
                await RejectAsync(context, SessionEnd.Deactivated);
                return;
            }
            var rebuilt = await signIn.CreateUserPrincipalAsync(user);
            var identity = (ClaimsIdentity)rebuilt.Identity!;
            identity.AddClaim(new Claim(AppClaims.Session, sessionId.Value.ToString()));
            if (principal.FindFirst(AppClaims.AuthenticationMethod) is { } amr) identity.AddClaim(new Claim(amr.Type, amr.Value));
            context.ReplacePrincipal(rebuilt);
            context.ShouldRenew = true;
        }

        var secondFactorRequired = row.RequireTwoFactorForAll || roles.Contains(Roles.Admin) || roles.Contains(Roles.TeamLead);
        http.Features.Set(new SessionState(sessionId.Value, userId.Value, row.CreatedAt, row.SecondFactorAt, row.TwoFactorEnabled,
            secondFactorRequired && !row.TwoFactorEnabled));
    }

    private static bool SameClaims(ClaimsPrincipal principal, SessionRow row, string[] roles)
    {
        var departments = (row.Grants ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(g => int.Parse(g, CultureInfo.InvariantCulture)).Append(row.DepartmentId).ToHashSet();
        return principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet().SetEquals(roles)
            && principal.DepartmentIds().ToHashSet().SetEquals(departments)
            && principal.TeamId() == row.TeamId
            && principal.HasClaim(c => c.Type == AppClaims.MustChangePassword) == row.MustChangePassword;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context, SessionEnd reason)
    {
        context.HttpContext.Items[EndedItem] = reason;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// Sends a person whose session has ended to the sign-in page with the reason (shown in French there) next to the
    /// page they were going to.
    /// </summary>
    public static Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = context.RedirectUri;
        if (context.HttpContext.Items[EndedItem] is SessionEnd reason && reason != SessionEnd.SignedOut)
            target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "ended=" + reason.ToString().ToLowerInvariant();
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    public sealed class SessionRow
    {
        public Guid UserId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset LastSeenAt { get; set; }
        public DateTimeOffset? EndedAt { get; set; }
        public DateTimeOffset? SecondFactorAt { get; set; }
        public bool IsActive { get; set; }
        public string? SecurityStamp { get; set; }
        public int DepartmentId { get; set; }
        public int? TeamId { get; set; }
        public bool MustChangePassword { get; set; }
        public bool TwoFactorEnabled { get; set; }
        public int IdleTimeoutMinutes { get; set; }
        public bool RequireTwoFactorForAll { get; set; }
        public string? Roles { get; set; }
        public string? Grants { get; set; }
    }
}
