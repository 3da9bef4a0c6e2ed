using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Persons;

public sealed class Edit(Edit.Handler handler) : PageModel
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
        Version = this.PostedVersion(Version); // a tampered version ends as a conflict, not as an error
        if (!ModelState.IsValid) return Page();
        return await handler.HandleAsync(id, Input, Version, User, ct) switch
        {
            Outcome.Saved => RedirectWithFlash(id, "Les modifications ont été enregistrées."),
            Outcome.Unchanged => RedirectWithFlash(id, "Aucun changement : la fiche était déjà à jour."),
            Outcome.Conflict => this.PageWithError(PageModelExtensions.ConcurrencyMessage),
            Outcome.Refused => this.PageWithError(handler.Refusal ?? ""),
            _ => NotFound(),
        };
    }

    private RedirectToPageResult RedirectWithFlash(Guid id, string message)
    {
        TempData["flash"] = message;
        return RedirectToPage("Details", new { id });
    }

    public enum Outcome { Saved, Unchanged, Conflict, Refused, NotFound }

    /// <summary>How the journal names each field that changed (the values themselves stay on the file).</summary>
    private static readonly (string Property, string Label)[] FieldLabels =
    [
        (nameof(AccompaniedPerson.FirstName), "prénom"),
        (nameof(AccompaniedPerson.LastName), "nom"),
        (nameof(AccompaniedPerson.BirthDate), "date de naissance"),
        (nameof(AccompaniedPerson.Phone), "téléphone"),
        (nameof(AccompaniedPerson.Email), "adresse électronique"),
        (nameof(AccompaniedPerson.Address), "adresse"),
        (nameof(AccompaniedPerson.PostalCode), "adresse"),
        (nameof(AccompaniedPerson.City), "adresse"),
        (nameof(AccompaniedPerson.RemoteReasons), "raisons du suivi à distance"),
        (nameof(AccompaniedPerson.RiskLevel), "niveau de risque"),
        (nameof(AccompaniedPerson.LivesAlone), "isolement"),
        (nameof(AccompaniedPerson.FirstFaceToFaceMeetingOn), "première rencontre physique"),
        (nameof(AccompaniedPerson.HasSmartphone), "équipement numérique"),
        (nameof(AccompaniedPerson.HasComputer), "équipement numérique"),
        (nameof(AccompaniedPerson.HasInternetAccess), "équipement numérique"),
        (nameof(AccompaniedPerson.DigitalSkills), "autonomie numérique"),
        (nameof(AccompaniedPerson.IsAllophone), "langue"),
        (nameof(AccompaniedPerson.Language), "langue"),
        (nameof(AccompaniedPerson.NeedsEasyToRead), "documents faciles à lire"),
        (nameof(AccompaniedPerson.ContactFrequencyDays), "fréquence de contact"),
    ];

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        /// <summary>Why the domain refused the last <see cref="HandleAsync"/> (<see cref="Outcome.Refused"/>).</summary>
        public string? Refusal { get; private set; }

        public async Task<(PersonInput Input, uint Version, string FullName)?> LoadAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            // Same answer as a missing record: a worker outside the team learns nothing of the file.
            if (await gate.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            return (PersonInput.From(person), person.Version, person.FullName);
        }

        public async Task<Outcome> HandleAsync(Guid id, PersonInput input, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            // The write checks access itself: it never relies on the form having been loaded first.
            if (await gate.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return Outcome.NotFound;
            var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null) return Outcome.NotFound;
            var entry = db.Entry(person);
            entry.Property(p => p.Version).OriginalValue = version;
            try
            {
                person.UpdateProfile(input.ToProfile());
            }
            catch (DomainRuleException e)
            {
                Refusal = e.Message;
                return Outcome.Refused;
            }
            db.ChangeTracker.DetectChanges();
            var changed = FieldLabels.Where(f => entry.Property(f.Property).IsModified).Select(f => f.Label).Distinct().ToList();
            if (changed.Count == 0) return Outcome.Unchanged;
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, user.RequiredUserId(), clock.GetUtcNow(),
                ActivityKind.PersonUpdated, $"Fiche modifiée : {string.Join(", ", changed)}."));
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
