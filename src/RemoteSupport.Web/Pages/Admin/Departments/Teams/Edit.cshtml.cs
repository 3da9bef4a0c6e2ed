using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Departments.Teams;

/// <summary>Renames a team. Teams are filtered to the administrator's departments: another department's team is not found.</summary>
public sealed class Edit(Edit.Handler handler) : AdminPageModel
{
    [BindProperty] public TeamInput Input { get; set; } = new();
    /// <summary>The version the administrator started from (xmin): a rename over a newer one is refused.</summary>
    [BindProperty] public uint Version { get; set; }
    public Handler.Details Team { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var team = await handler.LoadAsync(id, ct);
        if (team is null) return NotFound();
        Team = team;
        (Input.Name, Version) = (team.Name, team.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var team = await handler.LoadAsync(id, ct);
        if (team is null) return NotFound();
        Team = team;
        Version = this.PostedVersion(Version); // a tampered version ends as a conflict, not as an error
        if (!ModelState.IsValid) return Page();
        switch (await handler.HandleAsync(id, Input, Version, User.RequiredUserId(), ct))
        {
            case Outcome.NameTaken: return this.PageWithError(TeamInput.NameTaken, "Input.Name");
            case Outcome.Conflict: return this.PageWithError(PageModelExtensions.ConcurrencyMessage);
            case Outcome.NotFound: return NotFound();
        }
        TempData["flash"] = "L'équipe a été renommée.";
        return RedirectToPage("/Admin/Departments/Edit", new { id = team.DepartmentId });
    }

    public enum Outcome { Saved, NameTaken, Conflict, NotFound }

    public sealed class Handler(AppDbContext db, AdminGate gate, TimeProvider clock)
    {
        public sealed record Details(int Id, int DepartmentId, string DepartmentName, string Name, uint Version);

        public async Task<Details?> LoadAsync(int id, CancellationToken ct)
        {
            var team = await db.Teams.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new Details(t.Id, t.DepartmentId,
                    db.Departments.Where(d => d.Id == t.DepartmentId).Select(d => d.Code + " – " + d.Name).First(), t.Name, t.Version))
                .FirstOrDefaultAsync(ct);
            return team is not null && await gate.AllowsAsync(team.DepartmentId, Operations.View) ? team : null;
        }

        public async Task<Outcome> HandleAsync(int id, TeamInput input, uint version, Guid actorId, CancellationToken ct)
        {
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct);
            // Checked here too: this handler writes, whatever page called it.
            if (team is null || !await gate.AllowsAsync(team.DepartmentId, Operations.Edit)) return Outcome.NotFound;
            // Saved only over the version the administrator saw; otherwise the form would undo a colleague's rename.
            if (team.Version != version) return Outcome.Conflict;
            db.Entry(team).Property(t => t.Version).OriginalValue = version;
            var name = input.Name.Trim();
            if (await TeamInput.NameTakenAsync(db, team.DepartmentId, name, id, ct)) return Outcome.NameTaken;
            if (team.Name == name) return Outcome.Saved;
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.Teams, AuditAction.Update,
                id.ToString(CultureInfo.InvariantCulture), team.DepartmentId, new() { ["Name"] = team.Name }, new() { ["Name"] = name });
            team.Name = name;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Conflict; // renamed by someone else between our read and this save
            }
            catch (DbUpdateException)
            {
                return Outcome.NameTaken; // taken by someone else meanwhile (unique index on department and name)
            }
            return Outcome.Saved;
        }
    }
}
