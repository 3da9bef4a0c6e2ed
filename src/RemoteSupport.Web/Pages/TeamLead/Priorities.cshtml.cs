using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RemoteSupport.Web.Authorization;

namespace RemoteSupport.Web.Pages.TeamLead;

/// <summary>"À contacter en priorité": the team's (or department's) active persons, most urgent first, each with its reasons.</summary>
public sealed class Priorities(CaseloadScope.Handler scopes, PriorityList.Handler list) : PageModel
{
    [BindProperty(SupportsGet = true)] public Query Filter { get; set; } = new();
    public CaseloadScope Scope { get; private set; } = default!;
    public int? Team { get; private set; }
    public Guid? Worker { get; private set; }
    public PriorityList.Result Data { get; private set; } = new([], 0, 1, 1);
    public int ToReassign { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Odd values in the query string (page=-3, worker=abc, a team of another department) fall back to the whole scope.
        ModelState.Clear();
        var scope = await scopes.ForAsync(User, ct);
        if (scope is null) return Forbid();
        // A worker outside the scope is a stale filter, not an error: the list falls back to the whole scope.
        var team = scope.EffectiveTeam(Filter.Team);
        var worker = scope.EffectiveWorker(Filter.Worker, team);
        // A link to one worker's priorities (from the workload page) shows their team around them.
        team ??= worker is { } w ? scope.EffectiveTeam(scope.Workers.First(x => x.Id == w).TeamId) : null;
        // The list is read only for what the authorization handler accepts (the lead's department, team and worker).
        var target = await scopes.AuthorizeAsync(User, scope, team, worker, Operations.View);
        if (target is null) return Forbid();
        (Scope, Team, Worker) = (target.Scope, target.TeamId, target.WorkerId);
        Data = await list.HandleAsync(new PriorityList.Filter(Scope.DepartmentId, Team, Worker), Filter.PageNumber, PriorityList.Handler.PageSize, ct);
        ToReassign = await scopes.PersonsToReassignAsync(Scope, ct);
        return Page();
    }

    public sealed class Query
    {
        public int? Team { get; set; }
        public Guid? Worker { get; set; }
        /// <summary>Not "page": Razor Pages keeps that name for its own route value.</summary>
        public int PageNumber { get; set; } = 1;
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["team"] = Team?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["worker"] = Worker?.ToString(),
        ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => kv.Value is not null)).ToUriComponent();
}
