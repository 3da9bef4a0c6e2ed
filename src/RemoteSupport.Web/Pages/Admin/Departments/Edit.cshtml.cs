using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Departments;

/// <summary>A department's name, code and settings, with its teams and approved video tools.</summary>
public sealed class Edit(Edit.Handler handler) : AdminPageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    /// <summary>The version the administrator started from (xmin): a save over a newer one is refused.</summary>
    [BindProperty] public uint Version { get; set; }
    public Handler.Details Department { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var details = await handler.LoadAsync(id, ct);
        if (details is null) return NotFound();
        (Department, Input, Version) = (details, details.Input, details.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var details = await handler.LoadAsync(id, ct);
        if (details is null) return NotFound();
        Department = details;
        Version = this.PostedVersion(Version); // a tampered version ends as a conflict, not as an error
        if (!ModelState.IsValid) return Page();
        switch (await handler.HandleAsync(id, Input, Version, User.RequiredUserId(), ct))
        {
            case Outcome.CodeTaken: return this.PageWithError(DepartmentNaming.CodeTaken, "Input.Code");
            case Outcome.Conflict: return this.PageWithError(PageModelExtensions.ConcurrencyMessage);
            case Outcome.NotFound: return NotFound();
            case Outcome.Refused refused:
                // The department's rules refused a setting: each message next to its field, everything typed kept.
                foreach (var (field, message) in refused.Problems) ModelState.AddModelError(field, message);
                return Page();
            case Outcome.Saved saved:
                TempData["flash"] = saved.Changed ? "Les réglages du département ont été enregistrés." : "Aucune modification à enregistrer.";
                return RedirectToPage("Edit", new { id });
            default: return NotFound();
        }
    }

    protected override string? BindingMessage(string key) => key switch
    {
        "Input.WorkDayStart" or "Input.WorkDayEnd" or "Input.SmsQuietFrom" or "Input.SmsQuietUntil" => "Saisissez une heure au format HH:MM, par exemple 09:00.",
        "Input.DefaultContactFrequencyDays" or "Input.NotContactedAlertDays" or "Input.TrustedBrowserDays" => "Saisissez un nombre entier de jours.",
        "Input.IdleTimeoutMinutes" => "Saisissez un nombre entier de minutes.",
        "Input.GroupMaxParticipants" => "Saisissez un nombre entier de participants.",
        "Input.WorkingDays" => "Un des jours cochés n'existe pas.",
        _ => null,
    };

    public abstract record Outcome
    {
        public sealed record Saved(bool Changed) : Outcome;
        public sealed record Refused(IReadOnlyList<(string Field, string Message)> Problems) : Outcome;
        public sealed record CodeTaken : Outcome;
        public sealed record Conflict : Outcome;
        public sealed record NotFound : Outcome;
    }

    public sealed class Command : DepartmentNaming
    {
        /// <summary>ISO days, Monday = 1 … Sunday = 7.</summary>
        public List<int> WorkingDays { get; set; } = [];
        public TimeOnly WorkDayStart { get; set; }
        public TimeOnly WorkDayEnd { get; set; }
        public int DefaultContactFrequencyDays { get; set; }
        public int NotContactedAlertDays { get; set; }
        public int GroupMaxParticipants { get; set; } = RemoteSupport.Domain.Departments.Department.DefaultGroupMaxParticipants;
        public TimeOnly SmsQuietFrom { get; set; }
        public TimeOnly SmsQuietUntil { get; set; }
        public bool RequireTwoFactorForAll { get; set; }
        public int TrustedBrowserDays { get; set; } = RemoteSupport.Domain.Departments.Department.DefaultTrustedBrowserDays;
        public int IdleTimeoutMinutes { get; set; } = RemoteSupport.Domain.Departments.Department.DefaultIdleTimeoutMinutes;

        public static Command From(Department d) => new()
        {
            Code = d.Code, Name = d.Name, WorkingDays = [.. d.WorkingDays], WorkDayStart = d.WorkDayStart, WorkDayEnd = d.WorkDayEnd,
            DefaultContactFrequencyDays = d.DefaultContactFrequencyDays, NotContactedAlertDays = d.NotContactedAlertDays,
            GroupMaxParticipants = d.GroupMaxParticipants,
            SmsQuietFrom = d.SmsQuietFrom, SmsQuietUntil = d.SmsQuietUntil,
            RequireTwoFactorForAll = d.RequireTwoFactorForAll, TrustedBrowserDays = d.TrustedBrowserDays, IdleTimeoutMinutes = d.IdleTimeoutMinutes,
        };
    }

    /// <summary>The shape of the code and name; the settings' rules belong to <see cref="Department"/>.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(DepartmentNaming.Validator naming)
        {
            Include(naming);
            // The sign-in settings (issue 15) are checked again by Department.ChangeSignInSettings.
            RuleFor(c => c.TrustedBrowserDays).InclusiveBetween(0, RemoteSupport.Domain.Departments.Department.MaxTrustedBrowserDays)
                .WithMessage($"Un navigateur peut être mémorisé de 0 à {RemoteSupport.Domain.Departments.Department.MaxTrustedBrowserDays} jours.");
            RuleFor(c => c.IdleTimeoutMinutes).InclusiveBetween(RemoteSupport.Domain.Departments.Department.MinIdleTimeoutMinutes, RemoteSupport.Domain.Departments.Department.MaxIdleTimeoutMinutes)
                .WithMessage($"La déconnexion après inactivité est comprise entre {RemoteSupport.Domain.Departments.Department.MinIdleTimeoutMinutes} et {RemoteSupport.Domain.Departments.Department.MaxIdleTimeoutMinutes} minutes.");
        }
    }

    public sealed class Handler(AppDbContext db, AdminGate gate, TimeProvider clock)
    {
        public sealed record TeamRow(int Id, string Name, int ActiveUsers);
        public sealed record ToolRow(Guid Id, string Name, bool IsActive);
        public sealed record Details(int Id, string Code, string Name, IReadOnlyList<TeamRow> Teams, IReadOnlyList<ToolRow> Tools, Command Input, uint Version);

        public async Task<Details?> LoadAsync(int id, CancellationToken ct)
        {
            // The department table has no query filter: outside the administrator's departments it does not exist.
            if (!await gate.AllowsAsync(id, Operations.View)) return null;
            var department = await db.ScopedDepartments().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
            if (department is null) return null;
            var teams = await db.Teams.AsNoTracking().Where(t => t.DepartmentId == id).OrderBy(t => t.Name)
                .Select(t => new TeamRow(t.Id, t.Name, db.Users.Count(u => u.TeamId == t.Id && u.IsActive))).ToListAsync(ct);
            var tools = await db.VideoTools.AsNoTracking().Where(t => t.DepartmentId == id).OrderByDescending(t => t.IsActive).ThenBy(t => t.Name)
                .Select(t => new ToolRow(t.Id, t.Name, t.IsActive)).ToListAsync(ct);
            return new Details(department.Id, department.Code, department.Name, teams, tools, Command.From(department), department.Version);
        }

        public async Task<Outcome> HandleAsync(int id, Command command, uint version, Guid actorId, CancellationToken ct)
        {
            // Checked here too: this handler writes, whatever page called it.
            if (!await gate.AllowsAsync(id, Operations.Edit)) return new Outcome.NotFound();
            var department = await db.ScopedDepartments().FirstOrDefaultAsync(d => d.Id == id, ct);
            if (department is null) return new Outcome.NotFound();
            var code = command.CleanCode;
            var before = Snapshot(department);
            var problems = new List<(string Field, string Message)>();
            void Apply(string field, Action change)
            {
                try { change(); }
                catch (DomainRuleException e) { problems.Add((field, e.Message)); }
            }
            Apply("Input.Code", () => department.Rename(code, command.Name));
            Apply("Input.WorkingDays", () => department.ChangeWorkingDays(command.WorkingDays));
            Apply("Input.WorkDayEnd", () => department.ChangeWorkingHours(command.WorkDayStart, command.WorkDayEnd));
            Apply("Input.DefaultContactFrequencyDays", () => department.ChangeDefaultContactFrequency(command.DefaultContactFrequencyDays));
            Apply("Input.NotContactedAlertDays", () => department.ChangeNotContactedAlert(command.NotContactedAlertDays));
            Apply("Input.GroupMaxParticipants", () => department.ChangeGroupMaxParticipants(command.GroupMaxParticipants));
            Apply("Input.SmsQuietUntil", () => department.ChangeSmsQuietPeriod(command.SmsQuietFrom, command.SmsQuietUntil));
            // What was typed breaks a rule: said first, next to its field, whatever else happened meanwhile.
            if (problems.Count > 0) return new Outcome.Refused(problems);
            Apply("Input.IdleTimeoutMinutes", () => department.ChangeSignInSettings(command.RequireTwoFactorForAll, command.TrustedBrowserDays, command.IdleTimeoutMinutes));
            // Saved only over the version the administrator saw; otherwise their form would undo a colleague's change.
            if (department.Version != version) return new Outcome.Conflict();
            db.Entry(department).Property(d => d.Version).OriginalValue = version;
            if (await DepartmentNaming.CodeTakenAsync(db, code, id, ct)) return new Outcome.CodeTaken();
            var (changedBefore, changedAfter) = AuditTrail.Changes(before, Snapshot(department));
            if (changedAfter.Count == 0) return new Outcome.Saved(Changed: false);
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.Departments, AuditAction.Update,
                id.ToString(CultureInfo.InvariantCulture), id, changedBefore, changedAfter);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Outcome.Conflict(); // changed by someone else between our read and this save
            }
            catch (DbUpdateException)
            {
                // Another administrator took the code between our check and this save (unique index).
                return new Outcome.CodeTaken();
            }
            return new Outcome.Saved(Changed: true);
        }

        private static Dictionary<string, object?> Snapshot(Department d) => new()
        {
            ["Code"] = d.Code,
            ["Name"] = d.Name,
            ["WorkingDays"] = d.WorkingDays.Order().ToList(),
            ["WorkDayStart"] = d.WorkDayStart.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["WorkDayEnd"] = d.WorkDayEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["DefaultContactFrequencyDays"] = d.DefaultContactFrequencyDays,
            ["NotContactedAlertDays"] = d.NotContactedAlertDays,
            ["GroupMaxParticipants"] = d.GroupMaxParticipants,
            ["SmsQuietFrom"] = d.SmsQuietFrom.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["SmsQuietUntil"] = d.SmsQuietUntil.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["RequireTwoFactorForAll"] = d.RequireTwoFactorForAll,
            ["TrustedBrowserDays"] = d.TrustedBrowserDays,
            ["IdleTimeoutMinutes"] = d.IdleTimeoutMinutes,
        };
    }
}
