using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RemoteSupport.Web.Identity;

/// <summary>
/// Identity re-reads the user behind a sign-in cookie once per <see cref="SecurityStampValidatorOptions.ValidationInterval"/>
/// (a deactivation or a role change reaches open sessions that fast). Its validator decides that only after building
/// SignInManager, UserManager and their store, on every request. This asks the same question first, with the same
/// clock, and calls Identity's validator only when a check is due: same rule, without the per-request set-up.
/// </summary>
public static class StampValidation
{
    public static Task ValidateWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval) return Task.CompletedTask;
        return SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
