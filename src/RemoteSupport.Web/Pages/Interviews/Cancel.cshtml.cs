using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>Cancels a planned interview, with the reason. The interview keeps its history; nothing is deleted.</summary>
public sealed class Cancel(Cancel.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public InterviewHeader Header { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Header = header;
        Version = header.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = ModelState.IsValid ? await handler.HandleAsync(id, Input, Version, User, ct) : null;
        if (outcome is InterviewAction.Done or InterviewAction.NotFound) return this.Answer(outcome, Page);
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Header = header;
        return outcome is null ? Page() : this.Answer(outcome, Page);
    }

    public sealed class Command
    {
        public string? Comment { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Comment).FreeText("Le commentaire", 1000, required: "Indiquez pourquoi l'entretien est annulé.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock, RemoteSupport.Web.Messaging.MessagePlanner messages)
    {
        public Task<InterviewHeader?> HeaderAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            InterviewHeader.LoadAsync(db, gate, user, id, ct);

        public Task<InterviewAction> HandleAsync(Guid id, Command command, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            InterviewEnding.EndAsync(db, gate, clock, id, version, user, command.Comment, (i, comment, now) => i.Cancel(comment, now),
                ActivityKind.InterviewCancelled, (i, comment) => $"Entretien du {FrenchTime.Format(i.ScheduledAt)} annulé. Motif : {comment}",
                "L'entretien est annulé.", ct, beforeSave: i => messages.InterviewCancelledAsync(i, user.RequiredUserId(), ct));
    }
}
