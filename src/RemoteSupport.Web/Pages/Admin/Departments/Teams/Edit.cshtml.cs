using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Departments.Teams;

/// <summary>Renames a team. Teams are filtered to the administrator's departments: another department's team is not found.</summary>
public sealed class Edit(Edit.Handler handler, IValidator<TeamInput> validator) : AdminPageModel
{
    [BindProperty] public TeamInput Input { get; set; } = new();
    public Handler.Details Team { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var team = await handler.LoadAsync(id, ct);
        if (team is null) return NotFound();
        Team = team;
        Input.Name = team.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var team = await handler.LoadAsync(id, ct);
        if (team is null) return NotFound();
        Team = team;
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        if (!await handler.HandleAsync(id, Input, User.RequiredUserId(), ct)) return this.PageWithError(TeamInput.NameTaken, "Input.Name");
        TempData["flash"] = "L'équipe a été renommée.";
        return RedirectToPage("/Admin/Departments/Edit", new { id = team.DepartmentId });
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public sealed record Details(int Id, int DepartmentId, string DepartmentName, string Name);

        public Task<Details?> LoadAsync(int id, CancellationToken ct) =>
            db.Teams.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new Details(t.Id, t.DepartmentId,
                    db.Departments.Where(d => d.Id == t.DepartmentId).Select(d => d.Code + " – " + d.Name).First(), t.Name))
                .FirstOrDefaultAsync(ct);

        /// <returns>False when another team of the department already has the name.</returns>
        public async Task<bool> HandleAsync(int id, TeamInput input, Guid actorId, CancellationToken ct)
        {
            var team = await db.Teams.FirstAsync(t => t.Id == id, ct);
            var name = input.Name.Trim();
            if (await TeamInput.NameTakenAsync(db, team.DepartmentId, name, id, ct)) return false;
            if (team.Name == name) return true;
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditTrail.Areas.Teams, AuditTrail.Actions.Update,
                id.ToString(CultureInfo.InvariantCulture), team.DepartmentId, new() { ["Name"] = team.Name }, new() { ["Name"] = name });
            team.Name = name;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return false; // taken by someone else meanwhile (unique index on department and name)
            }
            return true;
        }
    }
}
