using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Retention;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>
/// « Droits de la personne » : the state of the person's rights (notice, objection, restriction, retention) and the two
/// requests a worker records for them — opposition aux messages, limitation du traitement — each journaled.
/// </summary>
public sealed class Restrictions(Restrictions.Handler handler) : PageModel
{
    public Handler.View Data { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, User, ct);
        if (view is null) return NotFound();
        Data = view;
        return Page();
    }

    public Task<IActionResult> OnPostObjectAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Handler.Change.Object, ct);
    public Task<IActionResult> OnPostLiftObjectionAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Handler.Change.LiftObjection, ct);
    public Task<IActionResult> OnPostRestrictAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Handler.Change.Restrict, ct);
    public Task<IActionResult> OnPostLiftRestrictionAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Handler.Change.LiftRestriction, ct);

    private async Task<IActionResult> ChangeAsync(Guid id, Handler.Change change, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, User, ct);
        if (view is null) return NotFound();
        Data = view;
        var refusal = await handler.HandleAsync(id, change, User, ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = change switch
        {
            Handler.Change.Object => "L'opposition aux messages est enregistrée : aucun message ne partira plus pour cette personne.",
            Handler.Change.LiftObjection => "L'opposition aux messages est levée.",
            Handler.Change.Restrict => "La limitation du traitement est enregistrée : le dossier ne se modifie plus.",
            Handler.Change.LiftRestriction => "La limitation du traitement est levée.",
            _ => null,
        };
        return RedirectToPage(new { id });
    }

    public sealed class Handler(AppDbContext db, RightsGate rights, TimeProvider clock)
    {
        public enum Change { Object, LiftObjection, Restrict, LiftRestriction }

        public sealed record View(AccompaniedPerson Person, Department Department, DateTimeOffset AnonymiseFrom, bool MayExport, bool MayReadAccessJournal);

        public async Task<View?> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            var reference = await rights.MayActAsync(user, id, ct);
            if (reference is null) return null;
            var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            var department = await db.Departments.AsNoTracking().FirstAsync(d => d.Id == person.DepartmentId, ct);
            var from = RetentionPolicy.AnonymiseFrom(RetentionPolicy.LastActivity(person.CreatedAt, person.LastContactAt, person.ClosedAt), department.ActivePeriodMonths);
            var mayExport = await rights.MayExportAsync(user, id, ct) is not null;
            var mayRead = await rights.MayReadAccessJournalAsync(user, id, ct) is not null;
            return new View(person, department, from, mayExport, mayRead);
        }

        /// <summary>Null when done, else the rule's refusal.</summary>
        public async Task<string?> HandleAsync(Guid id, Change change, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await rights.MayActAsync(user, id, ct) is null) return "Vous ne suivez pas ce dossier.";
            var person = await db.Persons.FirstAsync(p => p.Id == id, ct);
            var now = clock.GetUtcNow();
            (ActivityKind Kind, string Text) journal;
            try
            {
                journal = change switch
                {
                    Change.Object => Do(() => person.ObjectToMessages(now), ActivityKind.MessagesObjected, "La personne s'oppose à recevoir des messages : aucun message ne lui est plus envoyé."),
                    Change.LiftObjection => Do(person.LiftObjectionToMessages, ActivityKind.MessagesObjectionLifted, "La personne accepte de nouveau de recevoir des messages."),
                    Change.Restrict => Do(() => person.RestrictProcessing(now), ActivityKind.ProcessingRestricted, "Limitation du traitement demandée : le dossier ne se modifie plus."),
                    Change.LiftRestriction => Do(person.LiftProcessingRestriction, ActivityKind.ProcessingRestrictionLifted, "Limitation du traitement levée."),
                    _ => throw new ArgumentOutOfRangeException(nameof(change)),
                };
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, id, user.RequiredUserId(), now, journal.Kind, journal.Text));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return PageModelExtensions.ConcurrencyMessage;
            }
            return null;
        }

        private static (ActivityKind, string) Do(Action action, ActivityKind kind, string text)
        {
            action();
            return (kind, text);
        }
    }
}
