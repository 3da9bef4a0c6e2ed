using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Account;

/// <summary>
/// Two-factor sign-in for one's own account: enrol an authenticator app (QR code drawn on the server, the key also in
/// text), confirm with a first code, receive ten single-use recovery codes; later, get a new set of recovery codes.
/// </summary>
public sealed class TwoFactor(AppUserManager users, AppSignInManager signIn, AppDbContext db, SessionClock clock, SignInThrottle throttle,
    ILogger<TwoFactor> logger) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty] public Command Input { get; set; } = new();
    /// <summary>Sent here before anything else because the role or the department requires a second factor.</summary>
    public bool Required => Request.Query["required"] == "1";

    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string? Key { get; private set; }
    public string? QrCodePng { get; private set; }
    /// <summary>Shown once, right after they are made.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await DescribeAsync(user);
        return Page();
    }

    /// <summary>Enrolment: the first code proves the app holds the key.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage();
        if (!ModelState.IsValid)
        {
            await DescribeAsync(user);
            return Page();
        }
        if (throttle.Refusal(HttpContext) is { } wait)
        {
            await DescribeAsync(user);
            return Login.TooManyAttempts(this, wait);
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Input.Code))
        {
            throttle.Failed(HttpContext);
            await DescribeAsync(user);
            return this.PageWithError("Ce code ne correspond pas. Vérifiez que l'application affiche RemoteSupport et saisissez le code en cours (il change toutes les 30 secondes).", "Input.Code");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await MarkSecondFactorAsync();
        // Enabling renewed the security stamp: the person's other sessions end, this one goes on with the new stamp.
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("User {UserId} enrolled an authenticator app", user.Id);
        await DescribeAsync(user);
        NewRecoveryCodes = codes?.ToList();
        TempData["flash"] = "La double authentification est activée.";
        return Page();
    }

    /// <summary>A new set of recovery codes (the old ones stop working), after a fresh code from the app.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        await DescribeAsync(user);
        if (!ModelState.IsValid) return Page();
        if (throttle.Refusal(HttpContext) is { } wait) return Login.TooManyAttempts(this, wait);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Input.Code))
        {
            throttle.Failed(HttpContext);
            await users.AccessFailedAsync(user);
            return this.PageWithError(SecondFactor.WrongCode, "Input.Code");
        }
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await MarkSecondFactorAsync();
        RecoveryCodesLeft = RecoveryCodeCount;
        logger.LogInformation("User {UserId} made new recovery codes", user.Id);
        return Page();
    }

    private async Task DescribeAsync(AppUser user)
    {
        Response.Headers.CacheControl = "no-store";
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.EnsureAuthenticatorKeyAsync(user);
        Key = FormatKey(key);
        QrCodePng = QrCode(AuthenticatorUri(user.Email!, key));
    }

    private Task MarkSecondFactorAsync()
    {
        var now = clock.Now;
        return AppSignInManager.SessionId(User) is { } sid
            ? SecondFactorCheck.MarkAsync(db, sid, now)
            : Task.CompletedTask;
    }

    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/RemoteSupport:{Uri.EscapeDataString(email)}?secret={key}&issuer=RemoteSupport&digits=6&period=30";

    /// <summary>Drawn on the server as a PNG inside the page (data: URI): no script, no request to another host.</summary>
    public static string QrCode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    public sealed class Command
    {
        public string Code { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le code à 6 chiffres affiché par votre application.")
                .Must(c => c.Trim().Replace(" ", "", StringComparison.Ordinal).Length == 6 && c.Trim().Replace(" ", "", StringComparison.Ordinal).All(char.IsAsciiDigit))
                .WithMessage("Le code compte 6 chiffres, par exemple 123456.");
        }
    }
}

/// <summary>The moment a session last proved its second factor (sign-in, enrolment, or a check before an export).</summary>
public static class SecondFactorCheck
{
    public static Task MarkAsync(AppDbContext db, Guid sessionId, DateTimeOffset now) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.UserSessions.Where(s => s.Id == sessionId), u => u.SetProperty(s => s.SecondFactorAt, now));
}
