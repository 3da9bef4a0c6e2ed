using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Departments.Teams;

public sealed class Create(Create.Handler handler) : AdminPageModel
{
    [BindProperty] public TeamInput Input { get; set; } = new();
    public string DepartmentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int departmentId, CancellationToken ct)
    {
        var name = await handler.DepartmentNameAsync(departmentId, ct);
        if (name is null) return NotFound();
        DepartmentName = name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int departmentId, CancellationToken ct)
    {
        var name = await handler.DepartmentNameAsync(departmentId, ct);
        if (name is null) return NotFound();
        DepartmentName = name;
        if (!ModelState.IsValid) return Page();
        if (!await handler.HandleAsync(departmentId, Input, User.RequiredUserId(), ct)) return this.PageWithError(TeamInput.NameTaken, "Input.Name");
        TempData["flash"] = "L'équipe a été ajoutée.";
        return RedirectToPage("/Admin/Departments/Edit", new { id = departmentId });
    }

    public sealed class Handler(AppDbContext db, AdminGate gate, TimeProvider clock)
    {
        public async Task<string?> DepartmentNameAsync(int departmentId, CancellationToken ct) =>
            await gate.AllowsAsync(departmentId, Operations.View)
                ? await db.ScopedDepartments().Where(d => d.Id == departmentId).Select(d => d.Code + " – " + d.Name).FirstOrDefaultAsync(ct)
                : null;

        /// <returns>False when the name is already taken in the department.</returns>
        public async Task<bool> HandleAsync(int departmentId, TeamInput input, Guid actorId, CancellationToken ct)
        {
            // Checked here too: this handler writes, whatever page called it (the caller answers 404 for a foreign department).
            if (!await gate.AllowsAsync(departmentId, Operations.Edit)) return false;
            var name = input.Name.Trim();
            if (await TeamInput.NameTakenAsync(db, departmentId, name, null, ct)) return false;
            var team = new Team { DepartmentId = departmentId, Name = name };
            // The team's id comes from the database: one transaction holds the team and its audit entry.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Teams.Add(team);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return false; // created by someone else meanwhile (unique index on department and name)
            }
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.Teams, AuditAction.Create,
                team.Id.ToString(CultureInfo.InvariantCulture), departmentId, null, new() { ["Name"] = name });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
    }
}
