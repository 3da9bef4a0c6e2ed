using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Account;

public sealed class Login(SignInManager<AppUser> signIn, UserManager<AppUser> users, IValidator<Login.Command> validator,
    ILogger<Login> logger) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await validator.ValidateInto(ModelState, Input, ct)) return Page();
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null) return this.PageWithError(BadCredentials);

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            // The sign-out link of a page whose session had expired brings the person here: once signed in again, they
            // want their work, not the sign-out page.
            var back = Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";
            return LocalRedirect(back);
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} locked out", user.Id);
            return this.PageWithError(LockedOut);
        }
        if (result.IsNotAllowed) return this.PageWithError("Ce compte est désactivé. Adressez-vous à votre administrateur.");
        return this.PageWithError(BadCredentials);
    }

    public const string LockedOut =
        "Ce compte est verrouillé pendant 15 minutes après 5 essais infructueux. Réessayez plus tard ou demandez à votre administrateur de le déverrouiller.";

    // The same message whether the e-mail exists or not: the page must not reveal which accounts exist.
    private const string BadCredentials = "Adresse électronique ou mot de passe incorrect.";

    public sealed class Command
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez votre adresse électronique.")
                .MaximumLength(254).WithMessage("L'adresse électronique est trop longue.")
                // PostgreSQL refuses NUL in a query: such an address must stop here, not as a server error.
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("L'adresse électronique contient des caractères non autorisés.");
            RuleFor(c => c.Password).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Saisissez votre mot de passe.")
                .MaximumLength(200).WithMessage("Le mot de passe est trop long.");
        }
    }
}
