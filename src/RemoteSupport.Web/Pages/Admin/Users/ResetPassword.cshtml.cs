using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Users;

/// <summary>Replaces a forgotten password by a new one-time password, shown once; the user chooses their own at next sign-in.</summary>
public sealed class ResetPassword(ResetPassword.Handler handler) : AdminPageModel
{
    public Handler.Target Account { get; private set; } = default!;
    /// <summary>Set after the reset: shown in this response only.</summary>
    public string? NewPassword { get; private set; }

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
        if (target.ReachesBeyondScope) return this.PageWithError(Edit.Handler.OutOfReach);
        if (id == User.RequiredUserId())
            return this.PageWithError("Pour votre propre compte, changez votre mot de passe avec le lien « Mot de passe » en haut de page.");
        var (password, error) = await handler.HandleAsync(id, User.RequiredUserId(), ct);
        if (password is null) return this.PageWithError(error ?? PageModelExtensions.ConcurrencyMessage);
        Response.Headers.CacheControl = "no-store";
        NewPassword = password;
        return Page();
    }

    public sealed class Handler(AppDbContext db, AdminGate gate, UserManager<AppUser> users, TimeProvider clock)
    {
        public sealed record Target(Guid Id, string DisplayName, string Email, bool ReachesBeyondScope);

        public async Task<Target?> FindAsync(Guid id, CancellationToken ct)
        {
            var scope = db.AllowedDepartmentIds;
            var target = await db.ScopedUsers().AsNoTracking().Where(u => u.Id == id)
                .Select(u => new
                {
                    Target = new Target(u.Id, u.DisplayName, u.Email!,
                        db.UserDepartmentGrants.Any(g => g.UserId == u.Id && !scope.Contains(g.DepartmentId))),
                    u.DepartmentId,
                })
                .FirstOrDefaultAsync(ct);
            return target is not null && await gate.AllowsAsync(target.DepartmentId, Operations.View) ? target.Target : null;
        }

        /// <returns>The new one-time password, or null and the reason it failed.</returns>
        public async Task<(string? Password, string? Error)> HandleAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var user = await db.ScopedUsers().FirstOrDefaultAsync(u => u.Id == id, ct);
            // Checked here too: this handler writes, whatever page called it.
            if (user is null || !await gate.AllowsAsync(user.DepartmentId, Operations.Edit) || await db.ReachesBeyondScopeAsync(id, ct))
                return (null, Edit.Handler.OutOfReach);
            var password = OneTimePassword.Generate();
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.Users, AuditAction.ResetPassword, id.ToString(), user.DepartmentId,
                new() { ["MustChangePassword"] = user.MustChangePassword }, new() { ["MustChangePassword"] = true });
            user.MustChangePassword = true;
            // The reset token never leaves this method; ResetPasswordAsync also renews the security stamp, so open sessions end.
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, password);
            if (result.Succeeded) return (password, null);
            db.ChangeTracker.Clear();
            return (null, result.Errors.FirstOrDefault()?.Description);
        }
    }
}
