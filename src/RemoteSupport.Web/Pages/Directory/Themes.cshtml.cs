using RemoteSupport.Domain.Activity;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>The directory's themes: the default list, extended by administrators for their department (audited).</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class Themes(Themes.Handler handler) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public Handler.View Current { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await handler.ViewAsync(ct);
        Input.DepartmentId = Current.Departments.Count > 0 ? Current.Departments[0].Id : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Current = await handler.ViewAsync(ct);
        if (!ModelState.IsValid) return Page();
        var error = await handler.HandleAsync(Input, User.RequiredUserId(), ct);
        if (error is not null) return this.PageWithError(error, "Input.Name");
        TempData["flash"] = "Le thème a été ajouté.";
        return RedirectToPage();
    }

    public sealed class Command
    {
        public int? DepartmentId { get; set; }
        public string? Name { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).FreeText("Le thème", DirectoryTheme.NameMaxLength, required: "Donnez un nom au thème.");
            RuleFor(c => c.DepartmentId).NotNull().WithMessage("Choisissez le département.");
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public sealed record Department(int Id, string Name, IReadOnlyList<string> Own);
        public sealed record View(IReadOnlyList<string> Defaults, IReadOnlyList<Department> Departments);

        public async Task<View> ViewAsync(CancellationToken ct)
        {
            var departments = await db.ScopedDepartments().AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, Name = d.Code + " – " + d.Name }).ToListAsync(ct);
            var own = await db.DirectoryThemes.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.DepartmentId, t.Name }).ToListAsync(ct);
            return new View(DirectoryThemes.Defaults,
                departments.Select(d => new Department(d.Id, d.Name, own.Where(o => o.DepartmentId == d.Id).Select(o => o.Name).ToList())).ToList());
        }

        public async Task<string?> HandleAsync(Command c, Guid actorId, CancellationToken ct)
        {
            var department = c.DepartmentId!.Value;
            if (!db.AllowedDepartmentIds.Contains(department)) return "Choisissez un de vos départements.";
            var existing = await db.DirectoryThemes.Where(t => t.DepartmentId == department).Select(t => t.Name).ToListAsync(ct);
            var rule = DirectoryThemes.MayAdd(c.Name!, existing);
            if (!rule.Allowed) return rule.Reason;
            var theme = new DirectoryTheme { DepartmentId = department, Name = c.Name!.Trim() };
            db.DirectoryThemes.Add(theme);
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.Directory, AuditAction.Create, "theme:" + theme.Name, department,
                null, new() { ["Theme"] = theme.Name });
            await db.SaveChangesAsync(ct);
            return null;
        }
    }
}
