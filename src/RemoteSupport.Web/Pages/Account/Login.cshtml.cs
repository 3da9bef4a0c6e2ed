using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Account;

/// <summary>
/// Sign-in that tells nothing: an unknown address, a deactivated or locked account and a wrong password get the same
/// message, the same status and the same work (the password is always hashed, against a dummy hash when there is no
/// usable account). Failures are limited per client address (<see cref="SignInThrottle"/>) and per account (a lock that
/// grows each time).
/// </summary>
public sealed class Login(AppSignInManager signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, DummyPassword dummy,
    SignInThrottle throttle, ILogger<Login> logger) : PageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>Why the previous session ended (set by the session check's redirect).</summary>
    [BindProperty(SupportsGet = true)] public string? Ended { get; set; }

    public string? EndedMessage => Ended switch
    {
        "idle" => "Votre session a pris fin après une période sans activité. Reconnectez-vous : vous reviendrez à la page demandée.",
        "lifetime" => "Votre session a atteint sa durée maximale. Reconnectez-vous : vous reviendrez à la page demandée.",
        "deactivated" or "credentialschanged" => "Votre session a pris fin. Reconnectez-vous pour continuer.",
        _ => null,
    };

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        if (throttle.Refusal(HttpContext) is { } wait) return TooManyAttempts(this, wait);

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        // The same work whatever the account: a real hash, or the dummy one.
        var passwordOk = user?.PasswordHash is { } hash
            ? hasher.VerifyHashedPassword(user, hash, Input.Password) != PasswordVerificationResult.Failed
            : dummy.Verify(Input.Password);
        var usable = user is { IsActive: true } && !await users.IsLockedOutAsync(user);
        if (!usable || !passwordOk)
        {
            throttle.Failed(HttpContext);
            if (usable) await users.AccessFailedAsync(user!);
            if (user is not null) logger.LogInformation("Sign-in refused for user {UserId}", user.Id);
            return this.PageWithError(BadCredentials);
        }

        if (user!.AccessFailedCount != 0) await users.ResetAccessFailedCountAsync(user);
        var result = await signIn.SignInAfterPasswordAsync(user);
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/SecondFactor", new { ReturnUrl });
        if (!result.Succeeded) return this.PageWithError(BadCredentials);
        logger.LogInformation("User {UserId} signed in", user.Id);
        return LocalRedirect(Destination(Url, ReturnUrl));
    }

    /// <summary>
    /// Back where the person was going. The sign-out link of a page whose session had expired brings the person here:
    /// once signed in again, they want their work, not the sign-out page.
    /// </summary>
    public static string Destination(IUrlHelper url, string? returnUrl) =>
        url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase) ? returnUrl : "/";

    public static IActionResult TooManyAttempts(PageModel page, TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return page.PageWithError($"Trop de tentatives de connexion depuis cet endroit. Réessayez dans {minutes} minute{(minutes > 1 ? "s" : "")}.");
    }

    /// <summary>Also shown when a lock ends a session (change of password): it says nothing more than the sign-in page does.</summary>
    public const string LockedOut =
        "Trop d'essais infructueux : ce compte est bloqué pour quelques minutes. Réessayez plus tard ou demandez à votre administrateur de le débloquer.";

    // One message for every refusal: the page must not reveal which accounts exist, are deactivated or are locked.
    public const string BadCredentials =
        "Adresse électronique ou mot de passe incorrect. Après plusieurs essais, le compte est bloqué quelques minutes.";

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
