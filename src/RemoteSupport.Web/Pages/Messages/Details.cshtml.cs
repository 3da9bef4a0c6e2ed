using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Messages;

/// <summary>One message: the exact text sent, its status and reason; cancel it while planned, or send it again.</summary>
public sealed class Details(Details.Handler handler) : PageModel
{
    public Handler.View Message { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.FindAsync(id, User, PersonOperation.View, ct);
        if (view is null) return NotFound();
        Message = view;
        return Page();
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) => ActAsync(id, handler.CancelAsync, ct);

    public Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct) => ActAsync(id, handler.ResendAsync, ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Guid, Guid, CancellationToken, Task<string?>> act, CancellationToken ct)
    {
        // Cancelling or resending changes what reaches the person: only those who may edit the file may.
        var view = await handler.FindAsync(id, User, PersonOperation.Edit, ct);
        if (view is null) return NotFound();
        Message = view;
        var refusal = await act(id, User.RequiredUserId(), ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "C'est fait : l'état du message est à jour ci-dessous.";
        return view.InterviewId is { } interviewId
            ? Redirect($"/Interviews/Details/{interviewId}#messages")
            : Redirect($"/Persons/Details/{view.PersonId}#messages");
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public sealed record View(Guid Id, Guid PersonId, string PersonName, Guid? InterviewId, MessageLine Line, string Recipient, string? Subject,
            string Body, bool HasCalendar);

        public async Task<View?> FindAsync(Guid id, ClaimsPrincipal user, PersonOperation operation, CancellationToken ct)
        {
            var view = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new View(m.Id, m.PersonId,
                    db.Persons.Where(p => p.Id == m.PersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault() ?? "",
                    m.InterviewId,
                    new MessageLine(m.Id, m.Purpose, m.Channel, m.Status, m.StatusReason, m.DueAt, m.SentAt, m.DeliveredAt, m.CreatedAt, m.Attempts),
                    m.Recipient, m.Subject, m.Body, m.Calendar != null))
                .FirstOrDefaultAsync(ct);
            if (view is null) return null;
            // Another department's message is filtered out above; another team's person is refused here: the same 404.
            return await gate.AuthorizeAsync(user, view.PersonId, operation, ct) is null ? null : view;
        }

        public async Task<string?> CancelAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var message = await db.OutboxMessages.FirstAsync(m => m.Id == id, ct);
            var now = clock.GetUtcNow();
            try
            {
                message.Cancel("Annulé par le travailleur social.", now);
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            db.ActivityLog.Add(ActivityLogEntry.For(message.DepartmentId, message.PersonId, actorId, now, ActivityKind.MessageToPerson,
                $"{message.Purpose.French()} par {message.Channel.French()} : envoi annulé avant le départ.", message.InterviewId, message.Channel.ConsentModality()));
            return await SaveAsync(ct);
        }

        public async Task<string?> ResendAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var message = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, ct);
            var person = await db.Persons.AsNoTracking().Where(p => p.Id == message.PersonId).Select(p => new { p.Phone, p.Email }).FirstAsync(ct);
            // Sent again to the address or number on file now: it may have been corrected after a failure.
            var recipient = message.Channel == MessageChannel.Sms ? person.Phone : person.Email;
            if (string.IsNullOrWhiteSpace(recipient))
                return message.Channel == MessageChannel.Sms ? "Aucun numéro de téléphone n'est enregistré pour la personne." : "Aucune adresse e-mail n'est enregistrée pour la personne.";
            var now = clock.GetUtcNow();
            OutboxMessage copy;
            try
            {
                copy = message.CopyToResend(recipient, actorId, now);
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            db.OutboxMessages.Add(copy);
            db.ActivityLog.Add(ActivityLogEntry.For(copy.DepartmentId, copy.PersonId, actorId, now, ActivityKind.MessageToPerson,
                $"{copy.Purpose.French()} par {copy.Channel.French()} : nouvel envoi demandé.", copy.InterviewId, copy.Channel.ConsentModality()));
            return await SaveAsync(ct);
        }

        private async Task<string?> SaveAsync(CancellationToken ct)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return null;
            }
            catch (DbUpdateConcurrencyException)
            {
                return "Le message vient de changer d'état (il part peut-être en ce moment) : rechargez la page pour voir où il en est.";
            }
        }
    }
}
