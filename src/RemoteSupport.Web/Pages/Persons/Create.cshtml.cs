using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Persons;

public sealed class Create(Create.Handler handler) : PageModel
{
    [BindProperty] public PersonInput Input { get; set; } = new();
    [BindProperty] public Guid? ReferentId { get; set; }
    public IReadOnlyList<Handler.Worker> Workers { get; private set; } = [];
    public bool ChoosesReferent => User.IsInRole(Roles.TeamLead);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ContactFrequencyDays = await handler.DefaultFrequencyAsync(ct);
        Workers = await handler.WorkersAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Workers = await handler.WorkersAsync(ct);
        if (!ModelState.IsValid) return Page();
        // A social worker creates in their own caseload; a team lead assigns a worker of the department.
        var id = await handler.HandleAsync(Input, ChoosesReferent ? ReferentId : null, User, ct);
        if (id is null)
        {
            ModelState.AddModelError(nameof(ReferentId), "Choisissez le travailleur social référent.");
            return Page();
        }
        TempData["flash"] = "La fiche de la personne a été créée.";
        return RedirectToPage("Details", new { id });
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock)
    {
        public sealed record Worker(Guid Id, string Name, int DepartmentId);

        /// <summary>Active social workers of the departments the user may see.</summary>
        public async Task<IReadOnlyList<Worker>> WorkersAsync(CancellationToken ct)
        {
            var departments = currentUser.DepartmentIds.ToArray();
            var workerRole = await db.Roles.Where(r => r.Name == Roles.SocialWorker).Select(r => r.Id).FirstAsync(ct);
            return await db.Users.AsNoTracking()
                .Where(u => u.IsActive && departments.Contains(u.DepartmentId) && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == workerRole))
                .OrderBy(u => u.DisplayName)
                .Select(u => new Worker(u.Id, u.DisplayName, u.DepartmentId))
                .ToListAsync(ct);
        }

        public async Task<int> DefaultFrequencyAsync(CancellationToken ct)
        {
            var department = currentUser.DepartmentIds.Count > 0 ? currentUser.DepartmentIds[0] : 0;
            return await db.Departments.Where(d => d.Id == department).Select(d => (int?)d.DefaultContactFrequencyDays).FirstOrDefaultAsync(ct) ?? 30;
        }

        /// <summary>
        /// Opens the file in the referent's caseload. The referent is checked here, not only in the form: a social
        /// worker opens files in their own caseload, a team lead in the caseload of an active social worker of their
        /// departments.
        /// </summary>
        /// <returns>The new person's id, or null when the referent may not be given this file.</returns>
        public async Task<Guid?> HandleAsync(PersonInput input, Guid? chosenReferent, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var referentId = user.IsInRole(Roles.TeamLead) ? chosenReferent : user.RequiredUserId();
            if (referentId is not { } referent) return null;
            var worker = (await WorkersAsync(ct)).FirstOrDefault(w => w.Id == referent);
            if (worker is null) return null;
            var now = clock.GetUtcNow();
            var person = AccompaniedPerson.Open(worker.DepartmentId, referent, input.ToProfile(), now);
            db.Persons.Add(person);
            db.ActivityLog.Add(ActivityLogEntry.For(worker.DepartmentId, person.Id, user.RequiredUserId(), now, ActivityKind.PersonCreated, "Création du dossier."));
            await db.SaveChangesAsync(ct);
            return person.Id;
        }
    }
}
