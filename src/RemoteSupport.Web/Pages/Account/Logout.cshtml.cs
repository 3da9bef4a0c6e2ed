using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Account;

/// <summary>
/// The header links here; the sign-out itself is this page's form. A form in the header would put an antiforgery
/// token, two Data Protection operations, on every page read (measured: about a tenth of the caseload's CPU time).
/// </summary>
public sealed class Logout(SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["flash"] = "Vous êtes déconnecté.";
        return RedirectToPage("/Account/Login");
    }
}
