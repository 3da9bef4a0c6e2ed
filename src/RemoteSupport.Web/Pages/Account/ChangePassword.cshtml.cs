using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Account;

public sealed class ChangePassword(UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<ChangePassword.Command> validator,
    ILogger<ChangePassword> logger) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public bool MustChange => User.HasClaim(c => c.Type == AppClaims.MustChangePassword);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        // A wrong current password counts toward the lockout like a failed sign-in: an open session left on a shared
        // computer must not let someone try passwords here without limit.
        if (await users.IsLockedOutAsync(user)) return await EndLockedSessionAsync(user);
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user)) return await EndLockedSessionAsync(user);
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var key = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(key, error.Description);
            }
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        await signIn.RefreshSignInAsync(user);
        TempData["flash"] = "Votre mot de passe a été changé.";
        return RedirectToPage("/Index");
    }

    private async Task<IActionResult> EndLockedSessionAsync(AppUser user)
    {
        logger.LogWarning("User {UserId} locked out while changing their password", user.Id);
        await signIn.SignOutAsync();
        TempData["flash"] = Login.LockedOut;
        return RedirectToPage("/Account/Login");
    }

    public sealed class Command
    {
        public string CurrentPassword { get; set; } = "";
        public string NewPassword { get; set; } = "";
        public string ConfirmPassword { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Saisissez votre mot de passe actuel.");
            RuleFor(c => c.NewPassword).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choisissez un nouveau mot de passe.")
                .MinimumLength(12).WithMessage("Le nouveau mot de passe doit compter au moins 12 caractères.")
                .MaximumLength(200).WithMessage("Le nouveau mot de passe est trop long.")
                .NotEqual(c => c.CurrentPassword).WithMessage("Le nouveau mot de passe doit être différent de l'actuel.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage("La confirmation ne correspond pas au nouveau mot de passe.");
        }
    }
}
