using RemoteSupport.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>
/// Records an orientation from the person's page: a follow-up action (« qui fait quoi ») whose « qui » is a resource of
/// the directory, journaled.
/// </summary>
[Authorize(Policy = Policies.FollowPersons)]
public sealed class Orient(Orient.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public Handler.Form Form { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid personId, Guid? resourceId, CancellationToken ct)
    {
        var form = await handler.FormAsync(personId, User, ct);
        if (form is null) return NotFound();
        Form = form;
        Input = new Command { ResourceId = resourceId, DueOn = form.Today.AddDays(7) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var form = await handler.FormAsync(personId, User, ct);
        if (form is null) return NotFound();
        Form = form;
        if (!ModelState.IsValid) return Page();
        var error = await handler.HandleAsync(personId, Input, User.RequiredUserId(), ct);
        if (error is not null) return this.PageWithError(error);
        TempData["flash"] = "L'orientation est enregistrée dans les suites à donner et le journal.";
        return Redirect($"/Persons/Details/{personId}#orientations");
    }

    public sealed class Command
    {
        public Guid? ResourceId { get; set; }
        public string? What { get; set; }
        public DateOnly? DueOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ResourceId).NotNull().WithMessage("Choisissez la ressource.");
            RuleFor(c => c.What).FreeText("Ce texte", 500, required: "Dites ce que la ressource fera pour la personne.");
            RuleFor(c => c.DueOn).NotNull().WithMessage("Indiquez pour quand, au format jj/mm/aaaa.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public const int ListLimit = 500;
        public sealed record Choice(Guid Id, string Name, string? Commune, IReadOnlyList<string> Themes);
        public sealed record Form(Guid PersonId, string PersonName, DateOnly Today, IReadOnlyList<Choice> Resources);

        public async Task<Form?> FormAsync(Guid personId, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            // Orienting acts on the file: the right to edit it, on GET and POST alike.
            var person = await gate.AuthorizeAsync(user, personId, PersonOperation.Edit, ct);
            if (person is null) return null;
            var name = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
            // Only the person's own department's active resources.
            var resources = await db.Resources.AsNoTracking().Where(r => r.DepartmentId == person.DepartmentId && r.IsActive)
                .OrderBy(r => r.Name).Take(ListLimit).Select(r => new Choice(r.Id, r.Name, r.Commune, r.Themes)).ToListAsync(ct);
            return new Form(personId, name, FrenchTime.Today(clock), resources);
        }

        public async Task<string?> HandleAsync(Guid personId, Command c, Guid actorId, CancellationToken ct)
        {
            var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.DepartmentId, p.Status }).FirstAsync(ct);
            var resource = await db.Resources.AsNoTracking().Where(r => r.Id == c.ResourceId && r.DepartmentId == person.DepartmentId)
                .Select(r => new { r.Id, r.Name, r.IsActive }).FirstOrDefaultAsync(ct);
            if (resource is null) return "Choisissez une ressource de l'annuaire du département de la personne.";
            var now = clock.GetUtcNow();
            FollowUpAction action;
            try
            {
                action = FollowUpAction.Orient(person.DepartmentId, personId, person.Status, resource.Id, resource.Name, resource.IsActive, c.What!, c.DueOn!.Value);
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            db.FollowUpActions.Add(action);
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, personId, actorId, now, ActivityKind.OrientedToResource,
                $"Orientée vers {resource.Name} : {action.What} (pour le {FrenchTime.FormatDate(action.DueOn)})."));
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
