using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>
/// Records the switch to plan B during an interview: from which modality, to which, and why. These rows feed the
/// team lead's figures on digital exclusion. The interview page posts here; errors are shown on this page.
/// </summary>
public sealed class SwitchPlanB(SwitchPlanB.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public InterviewHeader Header { get; private set; } = default!;
    /// <summary>The modalities offered: agreed to by the person, and not the one in use (<see cref="Interview.FallbackChoices"/>).</summary>
    public IReadOnlyList<Modality> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Header = header;
        Choices = await handler.ChoicesAsync(header, ct);
        Version = header.Version;
        Input.To ??= header.FallbackModality is { } planned && Choices.Contains(planned) ? planned : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = ModelState.IsValid ? await handler.HandleAsync(id, Input, Version, User, ct) : null;
        if (outcome is InterviewAction.Done or InterviewAction.NotFound) return this.Answer(outcome, Page);
        var header = await handler.HeaderAsync(id, User, ct);
        if (header is null) return NotFound();
        Header = header;
        Choices = await handler.ChoicesAsync(header, ct);
        return outcome is null ? Page() : this.Answer(outcome, Page);
    }

    public sealed class Command
    {
        public Modality? To { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.To).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choisissez la modalité du plan B.")
                .Must(m => ModalityText.FallbackModalities.Contains(m!.Value)).WithMessage("Le plan B passe à l'audioconférence ou au téléphone.");
            RuleFor(c => c.Reason).FreeText("La raison", 500, required: "Indiquez en quelques mots pourquoi vous passez au plan B.");
        }
    }

    public sealed class Handler(AppDbContext db, PersonGate gate, TimeProvider clock)
    {
        public Task<InterviewHeader?> HeaderAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            InterviewHeader.LoadAsync(db, gate, user, id, ct);

        public async Task<IReadOnlyList<Modality>> ChoicesAsync(InterviewHeader header, CancellationToken ct) =>
            Interview.FallbackChoices(header.CurrentModality, await db.ConsentHistoryAsync(header.PersonId, ct), clock.GetUtcNow());

        public async Task<InterviewAction> HandleAsync(Guid id, Command command, uint version, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
        {
            if (await gate.AuthorizeInterviewAsync(user, id, PersonOperation.Edit, ct) is null) return InterviewAction.Missing;
            var interview = await db.Interviews.Include(i => i.FallbackSwitches).FirstAsync(i => i.Id == id, ct);
            db.ExpectVersion(interview, version);
            var now = clock.GetUtcNow();
            var from = interview.CurrentModality;
            var reason = command.Reason!.Trim();
            try
            {
                interview.SwitchToFallback(command.To!.Value, reason, now, await db.ConsentHistoryAsync(interview.PersonId, ct));
            }
            catch (DomainRuleException e)
            {
                return new InterviewAction.Refused(e.Message);
            }
            // The new row has its id already (Guid v7): added through the collection, EF would take it for an existing row.
            db.FallbackSwitches.Add(interview.FallbackSwitches[^1]);
            db.ActivityLog.Add(ActivityLogEntry.For(interview.DepartmentId, interview.PersonId, user.RequiredUserId(), now,
                ActivityKind.InterviewFallbackSwitched,
                $"Passage au plan B : de {from.French()} à {command.To.Value.French()}. Raison : {reason}", interview.Id, command.To.Value));
            return await db.SaveAsync(new InterviewAction.Done($"L'entretien continue par {command.To.Value.French()}.", id), ct);
        }
    }
}
