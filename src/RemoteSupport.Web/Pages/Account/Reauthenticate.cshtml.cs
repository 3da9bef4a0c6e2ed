using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Account;

/// <summary>
/// A fresh proof of the second factor before handing data out (an export): a code from the app, or a recovery code.
/// The session remembers when, and exports ask for one less than 15 minutes old (<see cref="RequireFreshSecondFactorAttribute"/>).
/// </summary>
public sealed class Reauthenticate(AppUserManager users, AppDbContext db, SessionClock clock, SignInThrottle throttle,
    ILogger<Reauthenticate> logger) : PageModel
{
    [BindProperty] public SecondFactor.Command Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Enrolled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Enrolled = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Enrolled = user.TwoFactorEnabled;
        if (!Enrolled || !ModelState.IsValid) return Page();
        if (throttle.Refusal(HttpContext) is { } wait) return Login.TooManyAttempts(this, wait);
        var code = Input.Code.Trim();
        var valid = SecondFactor.IsRecoveryCode(code)
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded
            : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            throttle.Failed(HttpContext);
            await users.AccessFailedAsync(user);
            return this.PageWithError(SecondFactor.WrongCode, "Input.Code");
        }
        if (AppSignInManager.SessionId(User) is { } sid) await SecondFactorCheck.MarkAsync(db, sid, clock.Now);
        logger.LogInformation("User {UserId} confirmed their second factor", user.Id);
        return LocalRedirect(Login.Destination(Url, ReturnUrl));
    }
}
