using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Account;

/// <summary>The sign-in's second step: the authenticator app's code, or one of the recovery codes.</summary>
public sealed class SecondFactor(AppSignInManager signIn, AppDbContext db, SignInThrottle throttle, ILogger<SecondFactor> logger) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public int TrustedBrowserDays { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Restart();
        TrustedBrowserDays = await DaysAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Restart();
        TrustedBrowserDays = await DaysAsync(user);
        if (!ModelState.IsValid) return Page();
        if (throttle.Refusal(HttpContext) is { } wait) return Login.TooManyAttempts(this, wait);

        var code = Input.Code.Trim();
        var result = IsRecoveryCode(code)
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: Input.RememberBrowser && TrustedBrowserDays > 0);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in with a second factor", user.Id);
            return LocalRedirect(Login.Destination(Url, ReturnUrl));
        }
        throttle.Failed(HttpContext);
        return this.PageWithError(WrongCode, "Input.Code");
    }

    public const string WrongCode = "Ce code n'est pas valable (ou a déjà servi). Saisissez le code affiché maintenant par votre application. Après plusieurs essais, le compte est bloqué quelques minutes.";

    /// <summary>Recovery codes have letters (XXXXX-XXXXX); authenticator codes are six digits.</summary>
    public static bool IsRecoveryCode(string code) => code.Any(char.IsLetter);

    private RedirectToPageResult Restart()
    {
        TempData["flash"] = "Votre connexion a expiré : saisissez de nouveau votre adresse et votre mot de passe.";
        return RedirectToPage("/Account/Login", new { ReturnUrl });
    }

    private Task<int> DaysAsync(AppUser user) =>
        db.Departments.AsNoTracking().Where(d => d.Id == user.DepartmentId).Select(d => d.TrustedBrowserDays).FirstOrDefaultAsync();

    public sealed class Command
    {
        public string Code { get; set; } = "";
        public bool RememberBrowser { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le code à 6 chiffres de votre application, ou un code de récupération.")
                .MaximumLength(20).WithMessage("Ce code est trop long : un code compte 6 chiffres, un code de récupération 10 caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("Ce code contient des caractères non autorisés.");
        }
    }
}
