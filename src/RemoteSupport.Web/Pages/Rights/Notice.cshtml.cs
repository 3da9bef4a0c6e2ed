using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>
/// The department's « notice d'information » (GDPR art. 13, the charter of trust of the guides), printable; for a person,
/// also when and how it was given to them.
/// </summary>
public sealed class Notice(Notice.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Department { get; set; }
    public Handler.View Data { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!ModelState.IsValid) { ModelState.Clear(); Department = null; }
        var view = await handler.LoadAsync(id, Department, User, ct);
        if (view is null) return NotFound();
        Data = view;
        Input.GivenOn = FrenchTime.Today(handler.Clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, null, User, ct);
        if (view?.Person is null) return NotFound();
        Data = view;
        if (!ModelState.IsValid) return Page();
        var refusal = await handler.RecordAsync(id, Input, User, ct);
        if (refusal is not null) return this.PageWithError(refusal);
        TempData["flash"] = "La remise de la notice d'information est enregistrée.";
        return RedirectToPage("/Persons/Details", new { id });
    }

    public sealed class Command
    {
        public NoticeMethod? Method { get; set; }
        public DateOnly? GivenOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Method).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Indiquez comment la notice a été remise.")
                .IsInEnum().WithMessage("Indiquez comment la notice a été remise.")
                // By e-mail the app sends the notice itself and records it when the e-mail has left.
                .Must(m => PersonRightsText.RecordedByHand.Contains(m!.Value))
                .WithMessage("Par e-mail, utilisez « Envoyer la notice par e-mail » : la notice est notée comme remise quand l'e-mail est parti.");
            RuleFor(c => c.GivenOn).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Indiquez la date de remise.")
                .Must(d => d <= FrenchTime.Today(clock)).WithMessage("La date de remise ne peut pas être dans le futur.")
                .Must(d => d >= new DateOnly(2000, 1, 1)).WithMessage("La date de remise doit être postérieure à l'an 2000.");
        }
    }

    public sealed class Handler(AppDbContext db, RightsGate rights, TimeProvider clock)
    {
        public TimeProvider Clock => clock;

        public sealed record PersonInfo(Guid Id, string Name, DateTimeOffset? GivenAt, NoticeMethod? Method);
        public sealed record View(InformationNotice Notice, PersonInfo? Person);

        public async Task<View?> LoadAsync(Guid? personId, int? departmentId, ClaimsPrincipal user, CancellationToken ct)
        {
            PersonInfo? info = null;
            int department;
            if (personId is { } id)
            {
                // For a person: those who follow the file give the notice and record it.
                var person = await rights.MayActAsync(user, id, ct);
                if (person is null) return null;
                department = person.DepartmentId;
                info = await db.Persons.AsNoTracking().Where(p => p.Id == id)
                    .Select(p => new PersonInfo(p.Id, p.FirstName + " " + p.LastName, p.NoticeGivenAt, p.NoticeMethod))
                    .FirstAsync(ct);
            }
            else
            {
                // The department's notice alone: any of the user's departments (an administrator picks one).
                var mine = user.DepartmentIds();
                department = departmentId ?? (mine.Length > 0 ? mine[0] : 0);
                if (!mine.Contains(department)) return null;
            }
            var notice = await NoticeDocument.LoadAsync(db, department, ct);
            return notice is null ? null : new View(notice, info);
        }

        /// <summary>Null when recorded, else the rule's refusal.</summary>
        public async Task<string?> RecordAsync(Guid id, Command command, ClaimsPrincipal user, CancellationToken ct)
        {
            var person = await db.Persons.FirstAsync(p => p.Id == id, ct);
            var now = clock.GetUtcNow();
            var today = FrenchTime.Today(clock);
            // Given today: now; given an earlier day: noon of that day (the hour was not recorded).
            var at = command.GivenOn == today ? now : FrenchTime.FromLocal(command.GivenOn!.Value.ToDateTime(new TimeOnly(12, 0)));
            try
            {
                person.RecordNoticeGiven(command.Method!.Value, at);
            }
            catch (DomainRuleException e)
            {
                return e.Message;
            }
            var how = command.Method!.Value.French().ToLowerInvariant();
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, id, user.RequiredUserId(), now, ActivityKind.NoticeGiven,
                $"Notice d'information {how} le {FrenchTime.FormatDate(at)}."));
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
    }
}
