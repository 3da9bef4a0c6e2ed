using RemoteSupport.Domain.Activity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Users;

/// <summary>
/// A lost or changed phone: the administrator removes the account's authenticator key and recovery codes (audited).
/// The person's open sessions end; if their role or department requires a second factor, they enrol a new app at their
/// next sign-in.
/// </summary>
public sealed class ResetSecondFactor(ResetSecondFactor.Handler handler) : AdminPageModel
{
    public ResetPassword.Handler.Target Account { get; private set; } = default!;
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var target = await handler.FindAsync(id, ct);
        if (target is null) return NotFound();
        Account = target;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var target = await handler.FindAsync(id, ct);
        if (target is null) return NotFound();
        Account = target;
        // Only an administrator of every department the account reaches may weaken its sign-in.
        if (target.ReachesBeyondScope) return this.PageWithError(Edit.Handler.OutOfReach);
        if (id == User.RequiredUserId())
            return this.PageWithError("Un autre administrateur doit réinitialiser votre propre double authentification.");
        await handler.HandleAsync(id, User.RequiredUserId(), ct);
        TempData["flash"] = "La double authentification du compte a été réinitialisée. Ses sessions ouvertes sont fermées.";
        return RedirectToPage("/Admin/Users/Edit", new { id });
    }

    public sealed class Handler(AppDbContext db, AppUserManager users, TimeProvider clock)
    {
        public Task<ResetPassword.Handler.Target?> FindAsync(Guid id, CancellationToken ct)
        {
            var scope = db.AllowedDepartmentIds;
            return db.ScopedUsers().AsNoTracking().Where(u => u.Id == id)
                .Select(u => new ResetPassword.Handler.Target(u.Id, u.DisplayName, u.Email!,
                    db.UserDepartmentGrants.Any(g => g.UserId == u.Id && !scope.Contains(g.DepartmentId))))
                .FirstOrDefaultAsync(ct);
        }

        public async Task HandleAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var user = await db.ScopedUsers().FirstAsync(u => u.Id == id, ct);
            var now = clock.GetUtcNow();
            var recoveryCodes = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
            AuditTrail.Record(db, actorId, now, AuditArea.Users, AuditAction.ResetSecondFactor, id.ToString(), user.DepartmentId,
                new() { ["TwoFactorEnabled"] = user.TwoFactorEnabled, ["RecoveryCodesLeft"] = recoveryCodes },
                new() { ["TwoFactorEnabled"] = false, ["RecoveryCodesLeft"] = 0 });
            user.LastTotpStep = null;
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            // A new key (and a new security stamp): the old app's codes and every open session stop working.
            await users.ResetAuthenticatorKeyAsync(user);
            await AppSignInManager.EndAllAsync(db, id, SessionEnd.CredentialsChanged, now);
        }
    }
}
