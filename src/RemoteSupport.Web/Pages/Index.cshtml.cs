using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        // An administrator follows nobody: their home is the configuration.
        if (User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.SocialWorker) && !User.IsInRole(Roles.TeamLead))
            return RedirectToPage("/Admin/Users/Index");
        return Page();
    }
}
