using System.Security.Claims;
using FluentValidation;
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

namespace RemoteSupport.Web.Pages.TeamLead;

/// <summary>
/// Moves one or several persons from a worker of the team to another worker of the department, with a reason that
/// goes into each person's journal. Without "from", lists the workers, those whose account was deactivated first.
/// </summary>
public sealed class Reassign(CaseloadScope.Handler scopes, Reassign.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public CaseloadScope Scope { get; private set; } = default!;
    public CaseloadScope.WorkerOption? From { get; private set; }
    public IReadOnlyList<Handler.PersonLine> Persons { get; private set; } = [];
    public IReadOnlyList<Handler.Target> Targets { get; private set; } = [];
    public IReadOnlyDictionary<Guid, int> Counts { get; private set; } = new Dictionary<Guid, int>();

    public async Task<IActionResult> OnGetAsync(string? from, string? person, CancellationToken ct)
    {
        var result = await LoadAsync(from, ct);
        if (result is not null) return result;
        if (From is not null && Guid.TryParse(person, out var preselected) && Persons.Any(p => p.Id == preselected))
            Input.PersonIds = [preselected.ToString()];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? from, CancellationToken ct)
    {
        var result = await LoadAsync(from, ct);
        if (result is not null) return result;
        if (From is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await handler.HandleAsync(From.Id, Input, User, ct);
        if (outcome is null) return NotFound();
        if (outcome.Error is { } error) return this.PageWithError(error, outcome.Field is { } f ? $"Input.{f}" : "");
        TempData["flash"] = outcome.Moved == 1
            ? $"1 personne est désormais suivie par {outcome.TargetName}."
            : $"{outcome.Moved} personnes sont désormais suivies par {outcome.TargetName}.";
        return RedirectToPage("Reassign", new { from = From.Id });
    }

    /// <returns>An answer to send at once (404, 403), or null when the page can go on.</returns>
    private async Task<IActionResult?> LoadAsync(string? from, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(from))
        {
            var whole = await scopes.AuthorizeAsync(User, null, null, Operations.View, ct);
            if (whole is null) return Forbid();
            Scope = whole.Scope;
            Counts = await handler.CountsAsync(Scope, ct);
            return null;
        }
        // A worker outside the lead's team, of another department, or a made-up id: the same 404.
        var target = Guid.TryParse(from, out var id) ? await scopes.AuthorizeAsync(User, null, id, Operations.Edit, ct) : null;
        if (target is null) return NotFound();
        (Scope, From) = (target.Scope, target.Worker);
        if (From is null) return NotFound();
        Persons = await handler.PersonsAsync(Scope, From.Id, ct);
        Targets = await handler.TargetsAsync(Scope, From.Id, ct);
        return null;
    }

    public sealed class Command
    {
        /// <summary>Ids as typed by the browser; parsed by the validator so a tampered value gets a French message.</summary>
        public List<string> PersonIds { get; set; } = [];
        public string? ToWorker { get; set; }
        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public const int MaxPersons = 500;

        public Validator()
        {
            RuleFor(c => c.PersonIds).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Cochez au moins une personne à confier.")
                .Must(ids => ids.Count <= MaxPersons).WithMessage($"Confiez au plus {MaxPersons} personnes à la fois.")
                .Must(ids => ids.All(i => Guid.TryParse(i, out _))).WithMessage("La liste des personnes n'est plus valable : rechargez la page.");
            RuleFor(c => c.ToWorker).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choisissez le nouveau référent.")
                .Must(t => Guid.TryParse(t, out _)).WithMessage("Choisissez le nouveau référent dans la liste.");
            RuleFor(c => c.Reason).FreeText("Le motif", FieldLengths.ReassignReason, required: "Indiquez le motif du changement de référent.");
        }
    }

    public sealed record Outcome(int Moved, string TargetName, string? Error = null, string? Field = null);

    public sealed class Handler(AppDbContext db, CaseloadScope.Handler scopes, TimeProvider clock)
    {
        public sealed record PersonLine(Guid Id, string LastName, string FirstName, RiskLevel Risk, DateTimeOffset? LastContactAt);

        public sealed record Target(Guid Id, string Name, string? Team);

        /// <summary>Active persons per referent of the scope.</summary>
        public async Task<IReadOnlyDictionary<Guid, int>> CountsAsync(CaseloadScope scope, CancellationToken ct)
        {
            var ids = scope.Workers.Select(w => w.Id).ToList();
            return await db.Persons.AsNoTracking()
                .Where(p => p.DepartmentId == scope.DepartmentId && p.Status == PersonStatus.Active && ids.Contains(p.ReferentId))
                .GroupBy(p => p.ReferentId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        }

        public async Task<IReadOnlyList<PersonLine>> PersonsAsync(CaseloadScope scope, Guid from, CancellationToken ct) =>
            await db.Persons.AsNoTracking()
                .Where(p => p.DepartmentId == scope.DepartmentId && p.ReferentId == from && p.Status == PersonStatus.Active)
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
                .Select(p => new PersonLine(p.Id, p.LastName, p.FirstName, p.RiskLevel, p.LastContactAt))
                .ToListAsync(ct);

        /// <summary>Who may take persons over: active social workers of the same department, whatever their team.</summary>
        public async Task<IReadOnlyList<Target>> TargetsAsync(CaseloadScope scope, Guid except, CancellationToken ct)
        {
            var role = await db.Roles.Where(r => r.Name == Roles.SocialWorker).Select(r => r.Id).FirstOrDefaultAsync(ct);
            return await db.Users.AsNoTracking()
                .Where(u => u.DepartmentId == scope.DepartmentId && u.IsActive && u.Id != except
                    && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == role))
                .OrderBy(u => u.DisplayName)
                .Select(u => new Target(u.Id, u.DisplayName, db.Teams.Where(t => t.Id == u.TeamId).Select(t => t.Name).FirstOrDefault()))
                .ToListAsync(ct);
        }

        /// <returns>Null when the worker is outside the lead's scope (404): the write checks the scope itself.</returns>
        public async Task<Outcome?> HandleAsync(Guid fromId, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            var authorized = await scopes.AuthorizeAsync(user, null, fromId, Operations.Edit, ct);
            if (authorized?.Worker is not { } from) return null;
            var scope = authorized.Scope;
            var actorId = user.RequiredUserId();
            var to = Guid.Parse(command.ToWorker!);
            if (to == from.Id)
                return new Outcome(0, "", "Choisissez un autre travailleur social que le référent actuel.", nameof(Command.ToWorker));
            // The target must be able to follow persons here: same department, account active, social worker role.
            var targets = await TargetsAsync(scope, from.Id, ct);
            var target = targets.FirstOrDefault(t => t.Id == to);
            if (target is null)
                return new Outcome(0, "", "Le nouveau référent doit être un travailleur social en activité de votre département.", nameof(Command.ToWorker));

            var ids = command.PersonIds.Select(Guid.Parse).Distinct().ToList();
            var persons = await db.Persons
                .Where(p => ids.Contains(p.Id) && p.DepartmentId == scope.DepartmentId && p.ReferentId == from.Id && p.Status == PersonStatus.Active)
                .ToListAsync(ct);
            if (persons.Count != ids.Count)
                return new Outcome(0, "", $"Certaines personnes cochées ne sont plus suivies par {from.Name} : rechargez la page et recommencez.");

            var now = clock.GetUtcNow();
            var reason = command.Reason.Trim();
            foreach (var person in persons)
            {
                try
                {
                    person.Reassign(to);
                }
                catch (DomainRuleException e)
                {
                    return new Outcome(0, "", e.Message);
                }
                db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, actorId, now, ActivityKind.PersonReassigned,
                    $"Référent : {from.Name} → {target.Name}. Motif : {reason}"));
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Outcome(0, "", PageModelExtensions.ConcurrencyMessage);
            }
            return new Outcome(persons.Count, target.Name);
        }
    }
}
