using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Identity;

/// <summary>
/// Identity's sign-in, with the server-side session: every sign-in opens a <see cref="UserSession"/> named in the
/// cookie, signing out ends it (a copied cookie is refused afterwards), and « Se souvenir de ce navigateur » lasts the
/// number of days the department chose. A deactivated account cannot sign in, whatever its password.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    AppDbContext db,
    TimeProvider clock,
    SessionClock sessionClock)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    /// <summary>After the sign-in page has checked the password itself (same work for every answer): sign in, or ask for the second factor.</summary>
    public Task<SignInResult> SignInAfterPasswordAsync(AppUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (!claims.Any(c => c.Type == AppClaims.Session))
        {
            var now = sessionClock.Now;
            var secondFactor = claims.Any(c => c.Type == AppClaims.AuthenticationMethod && c.Value == "mfa");
            var session = new UserSession { UserId = user.Id, CreatedAt = now, LastSeenAt = now, SecondFactorAt = secondFactor ? now : null };
            db.UserSessions.Add(session);
            // A full sign-in with the password (and the second factor): the next lock starts again from the shortest.
            if (user.LockoutCount != 0) user.LockoutCount = 0;
            await db.SaveChangesAsync();
            claims.Add(new Claim(AppClaims.Session, session.Id.ToString()));
        }
        // The cookie lives as long as a session may (its absolute lifetime); idleness is checked on the server.
        authenticationProperties ??= new AuthenticationProperties();
        authenticationProperties.IsPersistent = false;
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>New claims (a new password, a new second factor) in the same session: the session id and the second-factor mark are kept.</summary>
    public override async Task RefreshSignInAsync(AppUser user)
    {
        var current = Context.User;
        var claims = new List<Claim>();
        if (current.FindFirst(AppClaims.Session) is { } sid) claims.Add(new Claim(AppClaims.Session, sid.Value));
        if (current.FindFirst(AppClaims.AuthenticationMethod) is { } amr) claims.Add(new Claim(AppClaims.AuthenticationMethod, amr.Value));
        await SignInWithClaimsAsync(user, new AuthenticationProperties(), claims);
    }

    public override async Task SignOutAsync()
    {
        if (SessionId(Context.User) is { } sid) await EndAsync(db, sid, SessionEnd.SignedOut, sessionClock.Now);
        await base.SignOutAsync();
    }

    public override async Task RememberTwoFactorClientAsync(AppUser user)
    {
        var days = await TrustedBrowserDaysAsync(user);
        if (days <= 0) return;
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorRememberMeScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString()));
        if (UserManager.SupportsUserSecurityStamp)
            identity.AddClaim(new Claim(Options.ClaimsIdentity.SecurityStampClaimType, await UserManager.GetSecurityStampAsync(user)));
        var now = clock.GetUtcNow();
        identity.AddClaim(new Claim(RememberedAt, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        await Context.SignInAsync(IdentityConstants.TwoFactorRememberMeScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now.AddDays(days) });
    }

    /// <summary>A remembered browser counts only within the department's current number of days (it may have been lowered since).</summary>
    public override async Task<bool> IsTwoFactorClientRememberedAsync(AppUser user)
    {
        var days = await TrustedBrowserDaysAsync(user);
        if (days <= 0) return false;
        var remembered = await Context.AuthenticateAsync(IdentityConstants.TwoFactorRememberMeScheme);
        if (!long.TryParse(remembered.Principal?.FindFirstValue(RememberedAt), CultureInfo.InvariantCulture, out var at)
            || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(at) > TimeSpan.FromDays(days)) return false;
        return await base.IsTwoFactorClientRememberedAsync(user);
    }

    /// <summary>When the browser was remembered, by the application's clock (the cookie's own dates follow the system clock).</summary>
    private const string RememberedAt = "rs:remembered";

    private Task<int> TrustedBrowserDaysAsync(AppUser user) =>
        db.Departments.AsNoTracking().Where(d => d.Id == user.DepartmentId).Select(d => d.TrustedBrowserDays).FirstOrDefaultAsync();

    public static Guid? SessionId(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(AppClaims.Session), CultureInfo.InvariantCulture, out var id) ? id : null;

    public static Task EndAsync(AppDbContext db, Guid sessionId, SessionEnd reason, DateTimeOffset now) =>
        db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason));

    /// <summary>Ends every open session of a user but <paramref name="except"/> (a new password, a reset second factor, a deactivation).</summary>
    public static Task EndAllAsync(AppDbContext db, Guid userId, SessionEnd reason, DateTimeOffset now, Guid? except = null) =>
        db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason));
}
