using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Pages.TeamLead;

namespace RemoteSupport.Web.Pages.Shared.Components.TodayPriorities;

/// <summary>
/// "Aujourd'hui" on the home page: the signed-in worker's own caseload ranked by priority, the same list a team lead
/// sees for the team, limited to the persons the worker is referent of.
/// </summary>
public sealed class TodayPrioritiesViewComponent(PriorityList.Handler list) : ViewComponent
{
    public const int PageSize = 10;
    /// <summary>The home page's query parameter for this list's page, so it never collides with another section's.</summary>
    public const string PageParameter = "priorites";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = UserClaimsPrincipal;
        // Only the worker's own caseload: the filter is the referent, never a parameter of the request.
        if (user.UserId() is not { } me) return Content("");
        var page = int.TryParse(Request.Query[PageParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
        var result = await list.HandleAsync(new PriorityList.Filter(null, null, me), page, PageSize, HttpContext.RequestAborted);
        return View(result);
    }
}
