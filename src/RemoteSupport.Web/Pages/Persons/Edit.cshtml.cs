using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Persons;

public sealed class Edit(Edit.Handler handler, IValidator<PersonInput> validator) : PageModel
{
    [BindProperty] public PersonInput Input { get; set; } = new();
    /// <summary>The version the form was loaded from: a save against a newer version is refused, never merged silently.</summary>
    [BindProperty] public uint Version { get; set; }
    public string FullName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var loaded = await handler.LoadAsync(id, User, ct);
        if (loaded is null) return NotFound();
        (Input, Version, FullName) = loaded.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var loaded = await handler.LoadAsync(id, User, ct);
        if (loaded is null) return NotFound();
        FullName = loaded.Value.FullName;
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        return await handler.HandleAsync(id, Input, Version, User, ct) switch
        {
            Outcome.Saved => RedirectWithFlash(id),
            Outcome.Conflict => this.PageWithError(PageModelExtensions.ConcurrencyMessage),
            _ => NotFound(),
        };
    }

    private RedirectToPageResult RedirectWithFlash(Guid id)
    {
        TempData["flash"] = "Les modifications ont été enregistrées.";
        return RedirectToPage("Details", new { id });
    }

    public enum Outcome { Saved, Conflict, NotFound }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public async Task<(PersonInput Input, uint Version, string FullName)?> LoadAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null) return null;
            var reference = await gate.FindAsync(id, ct);
            // Same answer as a missing record: a worker outside the team learns nothing of the file.
            if (reference is null || !PersonGate.Allows(user, reference, PersonOperation.Edit)) return null;
            return (PersonInput.From(person), person.Version, person.FullName);
        }

        public async Task<Outcome> HandleAsync(Guid id, PersonInput input, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null) return Outcome.NotFound;
            db.Entry(person).Property(p => p.Version).OriginalValue = version;
            input.ApplyTo(person);
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, user.RequiredUserId(), clock.GetUtcNow(),
                ActivityKind.PersonUpdated, "Modification de la fiche."));
            try
            {
                await db.SaveChangesAsync(ct);
                return Outcome.Saved;
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Conflict;
            }
        }
    }
}
