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

/// <summary>Records that the person did not come to the interview (after its time only).</summary>
public sealed class NoShow(NoShow.Handler handler) : PageModel
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
            RuleFor(c => c.Comment).FreeText("Le commentaire", 1000);
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public Task<InterviewHeader?> HeaderAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            InterviewHeader.LoadAsync(db, gate, user, id, ct);

        public Task<InterviewAction> HandleAsync(Guid id, Command command, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            InterviewEnding.EndAsync(db, gate, clock, id, version, user, command.Comment, (i, comment, now) => i.MarkNoShow(comment, now),
                ActivityKind.InterviewNoShow,
                (i, comment) => $"Personne absente à l'entretien du {FrenchTime.Format(i.ScheduledAt)}." + (comment is null ? "" : $" Commentaire : {comment}"),
                "L'absence de la personne est notée. Pensez à la recontacter.", ct);
    }
}
