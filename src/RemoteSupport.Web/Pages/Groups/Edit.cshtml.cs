using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Messaging;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>
/// Changes a planned session. A new time or way of joining reaches every registered participant; more places go to
/// the waiting list in order.
/// </summary>
public sealed class Edit(Edit.Handler handler) : PageModel
{
    [BindProperty] public SessionInput Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public SessionOptions Options { get; private set; } = default!;
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var form = await handler.FormAsync(id, User, ct);
        if (form is null) return NotFound();
        (Options, Input, Version) = form.Value;
        Id = id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var form = await handler.FormAsync(id, User, ct);
        if (form is null) return NotFound();
        Options = form.Value.Options;
        Id = id;
        foreach (var (field, refusal) in Options.Refusals(Input)) ModelState.AddModelError($"{nameof(Input)}.{field}", refusal);
        if (!ModelState.IsValid) return Page();
        var outcome = await handler.ChangeAsync(id, Input, this.PostedVersion(Version), Options, User, ct);
        if (outcome.Refusal is not null) return this.PageWithError(outcome.Refusal);
        TempData["flash"] = outcome.Done;
        return RedirectToPage("/Groups/Details", new { id });
    }

    public sealed class Handler(AppDbContext db, GroupGate groups, SessionSeats seats, MessagePlanner messages, TimeProvider clock)
    {
        public sealed record Outcome(string? Done, string? Refusal);

        public async Task<(SessionOptions Options, SessionInput Input, uint Version)?> FormAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is not { } reference) return null;
            var session = await db.GroupSessions.AsNoTracking().FirstAsync(s => s.Id == id, ct);
            var options = await SessionOptions.LoadAsync(db, reference.DepartmentId, ct);
            return options is null ? null : (options, SessionInput.From(session), session.Version);
        }

        public async Task<Outcome> ChangeAsync(Guid id, SessionInput input, uint version, SessionOptions options, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return new Outcome(null, "Cette séance n'existe plus.");
            var session = await db.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == id, ct);
            db.Entry(session).Property(s => s.Version).OriginalValue = version;
            var before = (session.ScheduledAt, session.DurationMinutes, session.JoinDetails, session.Modality, session.ToolId);
            var me = user.RequiredUserId();
            string? note = null;
            var promotedCount = 0;
            var refusal = await SessionSeats.RefusalOfAsync(async () =>
            {
                var promoted = session.Change(input.ToDetails(), options.DepartmentMax, clock.GetUtcNow());
                promotedCount = promoted.Count;
                await seats.PromotedAsync(session, promoted, me, ct);
                note = before != (session.ScheduledAt, session.DurationMinutes, session.JoinDetails, session.Modality, session.ToolId)
                    ? await messages.GroupSessionChangedAsync(session, before.ScheduledAt, me, ct) ?? "Les participants inscrits sont prévenus du changement."
                    : null;
                await db.SaveChangesAsync(ct);
            });
            return refusal is not null ? new Outcome(null, refusal) : new Outcome(string.Join(" ", new[] { "La séance est modifiée.", note,
                promotedCount > 0 ? $"{promotedCount} personne(s) de la liste d'attente obtiennent une place et sont prévenues." : null }.Where(s => s is not null)), null);
        }
    }
}
