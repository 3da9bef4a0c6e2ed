using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Users;

/// <summary>An account: roles, department, team, extra departments; deactivate, reactivate, unlock.</summary>
public sealed class Edit(Edit.Handler handler, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    : AdminPageModel
{
    [BindProperty] public UserInput Input { get; set; } = new();
    /// <summary>Identity's concurrency stamp when the form was loaded: a save over a newer version is refused.</summary>
    [BindProperty] public string Stamp { get; set; } = "";
    public Handler.Facts Account { get; private set; } = default!;
    public UserFormOptions Options { get; private set; } = new([], []);
    public bool IsSelf => Account.Id == User.RequiredUserId();
    public bool IsLockedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, keepInput: false, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, keepInput: true, ct)) return NotFound();
        if (Account.ReachesBeyondScope) return this.PageWithError(Handler.OutOfReach);
        if (!ModelState.IsValid) return Page();
        var me = User.RequiredUserId();
        var outcome = await handler.UpdateAsync(id, Input, Stamp, me, ct);
        if (outcome is Outcome.Done && id == me && await users.GetUserAsync(User) is { } self)
            await signIn.RefreshSignInAsync(self); // the administrator's own departments may have changed
        return Show(id, outcome);
    }

    // These buttons post no form: the account form is not validated.
    [Validates]
    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct) => ActAsync(id, handler.DeactivateAsync, ct);
    [Validates]
    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken ct) => ActAsync(id, handler.ReactivateAsync, ct);
    [Validates]
    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) => ActAsync(id, handler.UnlockAsync, ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Guid, Guid, CancellationToken, Task<Outcome>> act, CancellationToken ct)
    {
        if (!await LoadAsync(id, keepInput: false, ct)) return NotFound();
        return Show(id, await act(id, User.RequiredUserId(), ct));
    }

    private IActionResult Show(Guid id, Outcome outcome)
    {
        switch (outcome)
        {
            case Outcome.Done done:
                TempData["flash"] = done.Message;
                return RedirectToPage("Edit", new { id });
            case Outcome.Refused refused:
                return this.PageWithError(refused.Message, refused.Field);
            case Outcome.Conflict:
                return this.PageWithError(PageModelExtensions.ConcurrencyMessage);
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, bool keepInput, CancellationToken ct)
    {
        var facts = await handler.LoadAsync(id, ct);
        if (facts is null) return false;
        Account = facts;
        IsLockedOut = handler.IsLockedOut(facts.LockoutEnd);
        Options = await handler.OptionsAsync(ct);
        ViewData[UserFormOptions.ViewDataKey] = Options;
        if (!keepInput)
        {
            Input = facts.Input;
            Stamp = facts.Stamp;
        }
        return true;
    }

    public abstract record Outcome
    {
        public sealed record Done(string Message) : Outcome;
        public sealed record Refused(string Field, string Message) : Outcome;
        public sealed record Conflict : Outcome;
        public sealed record NotFound : Outcome;
    }

    public sealed class Handler(AppDbContext db, AdminGate gate, UserManager<AppUser> users, TimeProvider clock)
    {
        public const string OutOfReach =
            "Ce compte a aussi accès à des départements que vous n'administrez pas : seul un administrateur de tous ces départements peut le modifier.";

        public sealed record Facts(Guid Id, string Email, string DisplayName, string DepartmentCode, bool IsActive, bool MustChangePassword,
            DateTimeOffset? LockoutEnd, DateTimeOffset CreatedAt, int ActivePersons, bool ReachesBeyondScope, UserInput Input, string Stamp);

        public Task<UserFormOptions> OptionsAsync(CancellationToken ct) => UserFormOptions.LoadAsync(db, ct);

        public bool IsLockedOut(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end > clock.GetUtcNow();

        public async Task<Facts?> LoadAsync(Guid id, CancellationToken ct)
        {
            var row = await db.ScopedUsers().AsNoTracking().Where(u => u.Id == id)
                .Select(u => new
                {
                    u.Id, u.Email, u.DisplayName, u.DepartmentId, u.TeamId, u.IsActive, u.MustChangePassword, u.LockoutEnd, u.CreatedAt,
                    u.ConcurrencyStamp,
                    Code = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Code).First(),
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                    Grants = db.UserDepartmentGrants.Where(g => g.UserId == u.Id).Select(g => g.DepartmentId).ToList(),
                    // Their persons stay in the caseload when the account is deactivated: the team lead reassigns them.
                    ActivePersons = db.Persons.Count(p => p.ReferentId == u.Id && p.Status == PersonStatus.Active),
                })
                .FirstOrDefaultAsync(ct);
            if (row is null || !await gate.AllowsAsync(row.DepartmentId, Operations.View)) return null;
            var scope = db.AllowedDepartmentIds;
            var input = new UserInput
            {
                DisplayName = row.DisplayName, DepartmentId = row.DepartmentId, TeamId = row.TeamId,
                Roles = Identity.Roles.All.Where(row.Roles.Contains).ToList(), ExtraDepartmentIds = row.Grants,
            };
            return new Facts(row.Id, row.Email ?? "", row.DisplayName, row.Code, row.IsActive, row.MustChangePassword, row.LockoutEnd,
                row.CreatedAt, row.ActivePersons, row.Grants.Any(g => !scope.Contains(g)), input, row.ConcurrencyStamp ?? "");
        }

        public async Task<Outcome> UpdateAsync(Guid id, UserInput input, string stamp, Guid actorId, CancellationToken ct)
        {
            var (user, refusal) = await FindManageableAsync(id, ct);
            if (user is null) return refusal!;
            // The account's new department and extra departments must be the administrator's too (the validator says
            // so next to the fields; checked again here, where the write happens).
            if (!await gate.AllowsAllAsync(input.Grants().Append(input.DepartmentId), Operations.Edit))
                return new Outcome.Refused("Input.DepartmentId", "Choisissez un des départements que vous administrez.");
            var roles = input.CleanRoles();
            // An administrator cannot lock themselves out of administration; another administrator must do it.
            if (id == actorId && !roles.Contains(Identity.Roles.Admin))
                return new Outcome.Refused("Input.Roles", "Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre administrateur.");

            var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
            var currentRoles = await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(ct);
            var currentGrants = await db.UserDepartmentGrants.Where(g => g.UserId == id).ToListAsync(ct);
            var grants = input.Grants();
            var before = await UserSnapshot.OfAsync(db, user.DisplayName, user.DepartmentId, user.TeamId,
                currentRoles.Select(r => roleNames[r.RoleId]), currentGrants.Select(g => g.DepartmentId), ct);
            var oldDepartment = user.DepartmentId;

            user.DisplayName = input.DisplayName.Trim();
            user.DepartmentId = input.DepartmentId;
            user.TeamId = input.TeamId;
            db.UserDepartmentGrants.RemoveRange(currentGrants.Where(g => !grants.Contains(g.DepartmentId)));
            db.UserDepartmentGrants.AddRange(grants.Where(d => currentGrants.All(g => g.DepartmentId != d))
                .Select(d => new UserDepartmentGrant { UserId = id, DepartmentId = d }));
            db.UserRoles.RemoveRange(currentRoles.Where(ur => !roles.Contains(roleNames[ur.RoleId])));
            db.UserRoles.AddRange(roles.Where(r => currentRoles.All(ur => roleNames[ur.RoleId] != r))
                .Select(r => new IdentityUserRole<Guid> { UserId = id, RoleId = roleNames.First(kv => kv.Value == r).Key }));

            var after = await UserSnapshot.OfAsync(db, user.DisplayName, user.DepartmentId, user.TeamId, roles, grants, ct);
            var (changedBefore, changedAfter) = AuditTrail.Changes(before, after);
            if (changedAfter.Count == 0) return new Outcome.Done("Aucune modification à enregistrer.");
            // A move between departments is recorded in both, so each department's administrators see it.
            foreach (var department in new[] { oldDepartment, user.DepartmentId }.Distinct())
                AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.Users, AuditAction.Update, id.ToString(), department,
                    changedBefore, changedAfter);

            db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = stamp;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Outcome.Conflict();
            }
            // Open sessions pick up new roles and departments at the next security-stamp check (within a minute).
            return new Outcome.Done("Les modifications du compte ont été enregistrées.");
        }

        public async Task<Outcome> DeactivateAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var (user, refusal) = await FindManageableAsync(id, ct);
            if (user is null) return refusal!;
            if (id == actorId) return new Outcome.Refused("", "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.");
            if (!user.IsActive) return new Outcome.Done("Ce compte était déjà désactivé.");
            user.IsActive = false;
            Record(user, actorId, AuditAction.Deactivate, new() { ["IsActive"] = true }, new() { ["IsActive"] = false });
            // A new security stamp ends the account's open sessions at their next check (within a minute).
            var result = await users.UpdateSecurityStampAsync(user);
            if (!result.Succeeded) return new Outcome.Conflict();
            var persons = await db.Persons.CountAsync(p => p.ReferentId == id && p.Status == PersonStatus.Active, ct);
            return new Outcome.Done(persons == 0
                ? $"Le compte de {user.DisplayName} est désactivé : il ne permet plus de se connecter."
                : $"Le compte de {user.DisplayName} est désactivé : il ne permet plus de se connecter. Ses {persons} personne(s) suivie(s) restent dans la file active ; le responsable d'équipe les verra comme à réaffecter.");
        }

        public async Task<Outcome> ReactivateAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var (user, refusal) = await FindManageableAsync(id, ct);
            if (user is null) return refusal!;
            if (user.IsActive) return new Outcome.Done("Ce compte était déjà actif.");
            user.IsActive = true;
            Record(user, actorId, AuditAction.Reactivate, new() { ["IsActive"] = false }, new() { ["IsActive"] = true });
            var result = await users.UpdateAsync(user);
            if (!result.Succeeded) return new Outcome.Conflict();
            return new Outcome.Done($"Le compte de {user.DisplayName} est réactivé : la personne peut de nouveau se connecter.");
        }

        public async Task<Outcome> UnlockAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var (user, refusal) = await FindManageableAsync(id, ct);
            if (user is null) return refusal!;
            if (user.LockoutEnd is null && user.AccessFailedCount == 0) return new Outcome.Done("Ce compte n'était pas verrouillé.");
            Record(user, actorId, AuditAction.Unlock,
                new() { ["LockedUntil"] = user.LockoutEnd, ["FailedAttempts"] = user.AccessFailedCount },
                new() { ["LockedUntil"] = null, ["FailedAttempts"] = 0 });
            // Both in one save with the audit entry (what SetLockoutEndDateAsync(null) and ResetAccessFailedCountAsync do, in two).
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            var result = await users.UpdateAsync(user);
            if (!result.Succeeded) return new Outcome.Conflict();
            return new Outcome.Done($"Le compte de {user.DisplayName} est déverrouillé : la personne peut se connecter tout de suite.");
        }

        private async Task<(AppUser? User, Outcome? Refusal)> FindManageableAsync(Guid id, CancellationToken ct)
        {
            var user = await db.ScopedUsers().FirstOrDefaultAsync(u => u.Id == id, ct);
            // Checked here too: these handlers write, whatever page called them.
            if (user is null || !await gate.AllowsAsync(user.DepartmentId, Operations.Edit)) return (null, new Outcome.NotFound());
            if (await db.ReachesBeyondScopeAsync(id, ct)) return (null, new Outcome.Refused("", OutOfReach));
            return (user, null);
        }

        private void Record(AppUser user, Guid actorId, AuditAction action, Dictionary<string, object?> before, Dictionary<string, object?> after) =>
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.Users, action, user.Id.ToString(), user.DepartmentId, before, after);
    }
}
