using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Account;

public sealed class Logout(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["flash"] = "Vous êtes déconnecté.";
        return RedirectToPage("/Account/Login");
    }
}
