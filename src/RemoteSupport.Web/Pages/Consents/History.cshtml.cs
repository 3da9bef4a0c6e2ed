using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Consents;

/// <summary>Every consent answer of a person, newest first, with who entered it, how it was obtained and the comment.</summary>
public sealed class History(History.Handler handler) : PageModel
{
    public Handler.View Data { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var view = await handler.HandleAsync(personId, User, ct);
        if (view is null) return NotFound();
        Data = view;
        return Page();
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public sealed record Line(Modality Modality, ConsentDecision Decision, DateTimeOffset DecidedAt, ConsentMethod Method,
            string RecordedBy, DateTimeOffset RecordedAt, string? Comment);

        public sealed record View(Guid PersonId, string FullName, IReadOnlyList<ConsentState> Matrix, IReadOnlyList<Line> Lines);

        public async Task<View?> HandleAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
        {
            // Same 404 for a missing person, another department or a file outside the worker's team.
            var reference = await gate.AuthorizeAsync(user, personId, PersonOperation.View, ct);
            if (reference is null) return null;

            var name = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
            var answers = await db.ConsentAnswersAsync(personId, ct);
            var history = answers.Select(a => a.Record).ToList();
            var lines = answers
                .OrderByDescending(a => a.Record.DecidedAt).ThenByDescending(a => a.Record.RecordedAt)
                .Select(a => new Line(a.Record.Modality, a.Record.Decision, a.Record.DecidedAt, a.Record.Method, a.RecordedBy, a.Record.RecordedAt, a.Record.Comment))
                .ToList();

            await gate.TraceAccessAsync(user, reference, "ConsentHistory", ct);
            return new View(personId, name, ConsentPolicy.Matrix(history, clock.GetUtcNow()), lines);
        }
    }
}
