using RemoteSupport.Domain.Activity;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Admin.MessageTexts;

/// <summary>The texts of the messages to persons, per department, purpose and channel; and the reminder delay.</summary>
public sealed class Index(Index.Handler handler) : AdminPageModel
{
    public IReadOnlyList<Handler.DepartmentTexts> Departments { get; private set; } = [];
    [BindProperty] public DelayInput Delay { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Departments = await handler.ListAsync(ct);

    public async Task<IActionResult> OnPostDelayAsync(CancellationToken ct)
    {
        Departments = await handler.ListAsync(ct);
        if (Departments.All(d => d.Id != Delay.DepartmentId)) return NotFound();
        if (!ModelState.IsValid) return Page();
        await handler.SaveDelayAsync(Delay.DepartmentId, Delay.HoursBefore!.Value, User.RequiredUserId(), ct);
        TempData["flash"] = "Le délai du rappel est enregistré ; il vaut pour les entretiens planifiés à partir de maintenant.";
        return RedirectToPage();
    }

    public sealed class DelayInput
    {
        public int DepartmentId { get; set; }
        public int? HoursBefore { get; set; }
    }

    public sealed class DelayValidator : AbstractValidator<DelayInput>
    {
        public DelayValidator()
        {
            RuleFor(d => d.HoursBefore).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Indiquez le délai du rappel, en heures.")
                .InclusiveBetween(2, 168).WithMessage("Le rappel part entre 2 heures et 7 jours (168 heures) avant l'entretien.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock)
    {
        public sealed record TextRow(MessagePurpose Purpose, MessageChannel Channel, bool Custom);
        public sealed record DepartmentTexts(int Id, string Name, int ReminderHoursBefore, IReadOnlyList<TextRow> Texts);

        public async Task<IReadOnlyList<DepartmentTexts>> ListAsync(CancellationToken ct)
        {
            // Departments are reference data without a query filter: scoped to the administrator's by hand.
            var scope = currentUser.DepartmentIds.ToArray();
            var departments = await db.Departments.AsNoTracking().Where(d => scope.Contains(d.Id)).OrderBy(d => d.Code)
                .Select(d => new { d.Id, Name = d.Code + " – " + d.Name }).ToListAsync(ct);
            var custom = await db.MessageTemplates.AsNoTracking().Select(t => new { t.DepartmentId, t.Purpose, t.Channel }).ToListAsync(ct);
            var delays = await db.MessageSettings.AsNoTracking().ToDictionaryAsync(s => s.DepartmentId, s => s.ReminderHoursBefore, ct);
            return departments.Select(d => new DepartmentTexts(d.Id, d.Name, delays.GetValueOrDefault(d.Id, MessageSettings.DefaultReminderHoursBefore),
                Enum.GetValues<MessagePurpose>().SelectMany(p => Enum.GetValues<MessageChannel>().Where(c => MessageTemplates.IsUsed(p, c)).Select(c =>
                    new TextRow(p, c, custom.Any(t => t.DepartmentId == d.Id && t.Purpose == p && t.Channel == c)))).ToList())).ToList();
        }

        public async Task SaveDelayAsync(int departmentId, int hours, Guid actorId, CancellationToken ct)
        {
            var settings = await db.MessageSettings.FirstOrDefaultAsync(s => s.DepartmentId == departmentId, ct);
            var before = settings?.ReminderHoursBefore ?? MessageSettings.DefaultReminderHoursBefore;
            if (before == hours) return;
            if (settings is null) db.MessageSettings.Add(settings = new MessageSettings { DepartmentId = departmentId });
            settings.ReminderHoursBefore = hours;
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.MessageTexts, AuditAction.Update, $"{departmentId}/ReminderDelay",
                departmentId, new() { ["ReminderHoursBefore"] = before }, new() { ["ReminderHoursBefore"] = hours });
            await db.SaveChangesAsync(ct);
        }
    }
}
