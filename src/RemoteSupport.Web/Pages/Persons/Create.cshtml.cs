using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Persons;

public sealed class Create(Create.Handler handler, IValidator<PersonInput> validator) : PageModel
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
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        // A social worker creates in their own caseload; a team lead assigns a worker of the department.
        var referent = ChoosesReferent ? ReferentId : User.RequiredUserId();
        if (referent is null || Workers.All(w => w.Id != referent))
        {
            ModelState.AddModelError(nameof(ReferentId), "Choisissez le travailleur social référent.");
            return Page();
        }
        var id = await handler.HandleAsync(Input, referent.Value, User.RequiredUserId(), ct);
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

        public async Task<Guid> HandleAsync(PersonInput input, Guid referentId, Guid actorId, CancellationToken ct)
        {
            // The person belongs to the referent's department.
            var departmentId = await db.Users.Where(u => u.Id == referentId).Select(u => u.DepartmentId).FirstAsync(ct);
            var now = clock.GetUtcNow();
            var person = new AccompaniedPerson { DepartmentId = departmentId, ReferentId = referentId, CreatedAt = now };
            input.ApplyTo(person);
            db.Persons.Add(person);
            db.ActivityLog.Add(ActivityLogEntry.For(departmentId, person.Id, actorId, now, ActivityKind.PersonCreated, "Création du dossier."));
            await db.SaveChangesAsync(ct);
            return person.Id;
        }
    }
}
