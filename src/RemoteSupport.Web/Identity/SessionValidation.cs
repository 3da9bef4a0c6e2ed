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
/// Checks the sign-in cookie against the server on every request, with one query of three primary-key lookups: its
/// session (not ended, not idle for longer than the department allows, younger than the absolute lifetime), and its user
/// (active, same security stamp, same claims version as the cookie: roles, departments, team; ADR-0026). A deactivation,
/// a sign-out elsewhere or a new password ends the session at the next request; a role or department change rebuilds the
/// cookie's claims at the next request. Measured in docs/security.md and docs/performance.md (« Round 3 »).
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
        // The request's context only for the rare writes below (an ended session, "last seen" once a minute): a page that
        // reads nothing does not lease one for the check.
        AppDbContext Db() => services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<SessionClock>();
        var options = services.GetRequiredService<IOptions<SessionOptions>>().Value;
        var identityOptions = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var now = clock.Now;

        // One statement of three primary-key lookups, no aggregate: whether the roles and departments still match the
        // cookie is told by one number (AppUser.ClaimsVersion, moved by triggers), so they are read only when it moved.
        var row = await FindSession(services.GetRequiredService<AppDataSource>(), sessionId.Value, http.RequestAborted);

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
            await AppSignInManager.EndAsync(Db(), sessionId.Value, reason, now);
            await RejectAsync(context, reason);
            return;
        }

        if (now - row.LastSeenAt > options.LastSeenResolution)
            await Db().Database.ExecuteSqlAsync($"""UPDATE "UserSessions" SET "LastSeenAt" = {now} WHERE "Id" = {sessionId.Value}""", http.RequestAborted);

        if (!SameClaims(principal, row))
        {
            // An administrator changed the roles, departments, team or name: the cookie is rebuilt now, not at the next
            // sign-in (AppClaimsFactory reads the version before the roles, so a change made meanwhile shows at the next request).
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
            principal = rebuilt;
        }

        var secondFactorRequired = row.RequireTwoFactorForAll || principal.IsInRole(Roles.Admin) || principal.IsInRole(Roles.TeamLead);
        http.Features.Set(new SessionState(sessionId.Value, userId.Value, row.CreatedAt, row.SecondFactorAt, row.TwoFactorEnabled,
            secondFactorRequired && !row.TwoFactorEnabled));
    }

    // The session, its user and the user's department, by primary key, in one statement. Raw Npgsql on the app's data
    // source (ADR-0026, ADR-0028): no EF Core around a statement run on every request, and a plan PostgreSQL keeps
    // instead of planning it each time. No query filter to set aside: the department filter is not bound to this
    // user yet, and must never hide their own session from its check.
    private const string FindSessionSql = """
        SELECT s."UserId", s."CreatedAt", s."LastSeenAt", s."EndedAt", s."SecondFactorAt",
               u."IsActive", u."SecurityStamp", u."DepartmentId", u."TeamId", u."MustChangePassword", u."TwoFactorEnabled",
               u."ClaimsVersion", d."IdleTimeoutMinutes", d."RequireTwoFactorForAll"
        FROM "UserSessions" s
        JOIN "AspNetUsers" u ON u."Id" = s."UserId"
        JOIN "Departments" d ON d."Id" = u."DepartmentId"
        WHERE s."Id" = $1
        """;

    private static async Task<SessionRow?> FindSession(AppDataSource sessions, Guid id, CancellationToken ct)
    {
        await using var command = sessions.Source.CreateCommand(FindSessionSql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new SessionRow
        {
            UserId = reader.GetGuid(0),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(1),
            LastSeenAt = reader.GetFieldValue<DateTimeOffset>(2),
            EndedAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            SecondFactorAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            IsActive = reader.GetBoolean(5),
            SecurityStamp = reader.IsDBNull(6) ? null : reader.GetString(6),
            DepartmentId = reader.GetInt32(7),
            TeamId = reader.IsDBNull(8) ? null : reader.GetInt32(8),
            MustChangePassword = reader.GetBoolean(9),
            TwoFactorEnabled = reader.GetBoolean(10),
            ClaimsVersion = reader.GetInt32(11),
            IdleTimeoutMinutes = reader.GetInt32(12),
            RequireTwoFactorForAll = reader.GetBoolean(13),
        };
    }

    /// <summary>
    /// Whether the cookie's claims were built from the user's current roles, departments, team and marks: the version they
    /// were built from is the user's (a cookie from before versions existed has none, and is rebuilt once).
    /// </summary>
    private static bool SameClaims(ClaimsPrincipal principal, SessionRow row) =>
        int.TryParse(principal.FindFirstValue(AppClaims.ClaimsVersion), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
        && version == row.ClaimsVersion
        // The user's own columns are in the row anyway: compared too, so a trigger missing in some database cannot leave
        // a moved team or a password to change unseen.
        && principal.TeamId() == row.TeamId
        && principal.DepartmentIds().Contains(row.DepartmentId)
        && principal.HasClaim(c => c.Type == AppClaims.MustChangePassword) == row.MustChangePassword;

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
        public int ClaimsVersion { get; set; }
    }
}
