using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.Users;

/// <summary>Creates an account with a one-time password, shown once to the administrator and never stored in clear.</summary>
public sealed class Create(Create.Handler handler) : AdminPageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public UserFormOptions Options { get; private set; } = new([], []);
    /// <summary>Set once the account exists: the page then shows the one-time password instead of the form.</summary>
    public Outcome.Created? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        Input.DepartmentId = Options.Departments.Count > 0 ? Options.Departments[0].Id : 0;
        Input.Roles = [Roles.SocialWorker];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        if (!ModelState.IsValid) return Page();
        switch (await handler.HandleAsync(Input, User.RequiredUserId(), ct))
        {
            case Outcome.Created created:
                // Shown in this response only: no redirect, no TempData, no cache, so the password exists nowhere else.
                Response.Headers.CacheControl = "no-store";
                Created = created;
                return Page();
            case Outcome.Refused refused:
                foreach (var (field, message) in refused.Errors) ModelState.AddModelError(field, message);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        Options = await handler.OptionsAsync(ct);
        ViewData[UserFormOptions.ViewDataKey] = Options;
    }

    public sealed class Command : UserInput
    {
        public string Email { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(UserInput.Validator common)
        {
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez l'adresse électronique professionnelle de la personne.")
                .MaximumLength(254).WithMessage("L'adresse électronique ne peut pas dépasser 254 caractères.")
                .Must(e => TextRules.IsEmail(e.Trim())).WithMessage("Saisissez une adresse électronique valide, par exemple prenom.nom@departement.fr.");
            Include(common);
        }
    }

    public abstract record Outcome
    {
        public sealed record Created(Guid Id, string Email, string DisplayName, string Password) : Outcome;
        public sealed record Refused(IReadOnlyList<(string Field, string Message)> Errors) : Outcome;
    }

    public sealed class Handler(AppDbContext db, AdminGate gate, UserManager<AppUser> users, TimeProvider clock)
    {
        public Task<UserFormOptions> OptionsAsync(CancellationToken ct) => UserFormOptions.LoadAsync(db, ct);

        public async Task<Outcome> HandleAsync(Command command, Guid actorId, CancellationToken ct)
        {
            var email = command.Email.Trim();
            // The new account's departments must be the administrator's (the validator says so next to the field; checked
            // again here, where the write happens).
            if (!await gate.AllowsAllAsync(command.Grants().Append(command.DepartmentId), Operations.Edit))
                return new Outcome.Refused([("Input.DepartmentId", "Choisissez un des départements que vous administrez.")]);
            var roles = command.CleanRoles();
            var grants = command.Grants();
            var roleIds = await db.Roles.Where(r => roles.Contains(r.Name!)).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
            var now = clock.GetUtcNow();
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = command.DisplayName.Trim(),
                DepartmentId = command.DepartmentId,
                TeamId = command.TeamId,
                IsActive = true,
                MustChangePassword = true,
                CreatedAt = now,
                ExtraDepartments = grants.Select(d => new UserDepartmentGrant { DepartmentId = d }).ToList(),
            };
            foreach (var role in roles) db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role] });

            var after = await UserSnapshot.OfAsync(db, user.DisplayName, user.DepartmentId, user.TeamId, roles, grants, ct);
            after["Email"] = email;
            after["MustChangePassword"] = true;
            AuditTrail.Record(db, actorId, now, AuditArea.Users, AuditAction.Create, user.Id.ToString(), user.DepartmentId, null, after);

            // Identity saves the account, its roles, its grants and the audit entry in one SaveChanges.
            var password = OneTimePassword.Generate();
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded) return new Outcome.Created(user.Id, email, user.DisplayName, password);

            db.ChangeTracker.Clear();
            // The user name is the e-mail address: both duplicates mean the same thing to the administrator.
            return new Outcome.Refused(result.Errors
                .Select(e => e.Code switch
                {
                    "DuplicateEmail" or "DuplicateUserName" => ("Input.Email", "Un compte existe déjà avec cette adresse électronique."),
                    "InvalidEmail" or "InvalidUserName" => ("Input.Email", "Cette adresse électronique contient des caractères non autorisés (lettres accentuées, espaces…)."),
                    _ => ("", e.Description),
                })
                .Distinct().ToList());
        }
    }
}
