using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Messaging;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>Cancels a planned session, with the reason; each registered participant is told and their journal says so.</summary>
public sealed class Cancel(Cancel.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public string Theme { get; private set; } = "";
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        (Theme, Version) = header.Value;
        Id = id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Theme = header.Value.Theme;
        Id = id;
        if (!ModelState.IsValid) return Page();
        var outcome = await handler.CancelAsync(id, Input.Reason!, this.PostedVersion(Version), User, ct);
        if (outcome.Refusal is not null) return this.PageWithError(outcome.Refusal);
        TempData["flash"] = outcome.Done;
        return RedirectToPage("/Groups/Details", new { id });
    }

    public sealed class Command
    {
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).FreeText("Le motif", GroupRules.ReasonMaxLength, required: "Indiquez pourquoi la séance est annulée.");
        }
    }

    public sealed class Handler(AppDbContext db, GroupGate groups, MessagePlanner messages, TimeProvider clock)
    {
        public sealed record Outcome(string? Done, string? Refusal);

        public async Task<(string Theme, uint Version)?> HeaderAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return null;
            var header = await db.GroupSessions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Theme, s.Version }).FirstAsync(ct);
            return (header.Theme, header.Version);
        }

        public async Task<Outcome> CancelAsync(Guid id, string reason, uint version, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await groups.AuthorizeAsync(user, id, PersonOperation.Edit, ct) is null) return new Outcome(null, "Cette séance n'existe plus.");
            var session = await db.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == id, ct);
            db.Entry(session).Property(s => s.Version).OriginalValue = version;
            var me = user.RequiredUserId();
            var now = clock.GetUtcNow();
            string? note = null;
            var refusal = await SessionSeats.RefusalOfAsync(async () =>
            {
                session.Cancel(reason, now);
                foreach (var p in session.Participants.Where(p => p.IsActive))
                    db.ActivityLog.Add(ActivityLogEntry.For(session.DepartmentId, p.PersonId, me, now, ActivityKind.GroupSessionPlace,
                        $"{SessionSeats.Title(session)} : séance annulée.", modality: session.Modality));
                note = await messages.GroupSessionCancelledAsync(session, me, ct);
                await db.SaveChangesAsync(ct);
            });
            return refusal is not null ? new Outcome(null, refusal)
                : new Outcome(note is null ? "La séance est annulée ; les participants inscrits sont prévenus." : "La séance est annulée. " + note, null);
        }
    }
}
