using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Departments;

/// <summary>
/// A new department, by an administrator who spans every existing department; they are granted the new one.
/// A one-department administrator cannot: see ADR-0007.
/// </summary>
public sealed class Create(Create.Handler handler, UserManager<AppUser> users,
    SignInManager<AppUser> signIn) : AdminPageModel
{
    [BindProperty] public DepartmentNaming Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await handler.AllowedAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await handler.AllowedAsync(ct)) return Forbid();
        if (!ModelState.IsValid) return Page();
        var id = await handler.HandleAsync(Input, User.RequiredUserId(), ct);
        if (id is null) return this.PageWithError(DepartmentNaming.CodeTaken, "Input.Code");
        // The creator's cookie gets the new department now, not at the next security-stamp check.
        if (await users.GetUserAsync(User) is { } me) await signIn.RefreshSignInAsync(me);
        TempData["flash"] = "Le département a été créé. Ajoutez ses équipes et ses outils de visioconférence, puis vérifiez ses réglages.";
        return RedirectToPage("Edit", new { id });
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        // Only an administrator of every department creates one, so a department administrator cannot widen their own reach.
        public Task<bool> AllowedAsync(CancellationToken ct) => db.SpansAllDepartmentsAsync(ct);

        /// <returns>The new department's id, or null when the code is taken.</returns>
        public async Task<int?> HandleAsync(DepartmentNaming input, Guid actorId, CancellationToken ct)
        {
            var code = input.CleanCode;
            if (await DepartmentNaming.CodeTakenAsync(db, code, null, ct)) return null;
            var department = new Department(code, input.Name);
            // The id comes from the database: one transaction holds the department, the grant and the audit entry.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Departments.Add(department);
            await db.SaveChangesAsync(ct);
            db.UserDepartmentGrants.Add(new UserDepartmentGrant { UserId = actorId, DepartmentId = department.Id });
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.Departments, AuditAction.Create,
                department.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), department.Id, null,
                new() { ["Code"] = department.Code, ["Name"] = department.Name });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return department.Id;
        }
    }
}
