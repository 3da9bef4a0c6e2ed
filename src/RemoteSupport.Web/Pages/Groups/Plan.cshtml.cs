using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>
/// Plans a group session; from a session (<c>?from=</c>), the next one with the same group: the persons the planner
/// follows are registered (their consents checked), the others are proposed to their referent, who confirms.
/// </summary>
public sealed class Plan(Plan.Handler handler) : PageModel
{
    [BindProperty] public SessionInput Input { get; set; } = new();
    public SessionOptions Options { get; private set; } = default!;
    public Handler.Previous? From { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? from, CancellationToken ct)
    {
        var form = await handler.FormAsync(from, User, ct);
        if (form is null) return NotFound();
        (Options, From) = form.Value;
        Input = From?.Input ?? new SessionInput { FacilitatorId = User.RequiredUserId() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? from, CancellationToken ct)
    {
        var form = await handler.FormAsync(from, User, ct);
        if (form is null) return NotFound();
        (Options, From) = form.Value;
        foreach (var (field, message) in Options.Refusals(Input)) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        var outcome = await handler.PlanAsync(Input, Options, From, User, ct);
        if (outcome.Refusal is not null) return this.PageWithError(outcome.Refusal);
        TempData["flash"] = outcome.Message;
        return RedirectToPage("/Groups/Details", new { id = outcome.Id });
    }

    public sealed class Handler(AppDbContext db, GroupGate groups, PersonGate persons, SessionSeats seats, TimeProvider clock)
    {
        public sealed record Previous(Guid Id, string Theme, DateTimeOffset ScheduledAt, int GroupSize, SessionInput Input);
        public sealed record Outcome(Guid Id, string? Message, string? Refusal);

        public async Task<(SessionOptions, Previous?)?> FormAsync(Guid? from, ClaimsPrincipal user, CancellationToken ct)
        {
            Previous? previous = null;
            int? department = user.PlanningDepartment();
            if (from is { } fromId)
            {
                if (await groups.AuthorizeAsync(user, fromId, PersonOperation.Edit, ct) is not { } reference) return null;
                var s = await db.GroupSessions.AsNoTracking().Include(x => x.Participants).FirstAsync(x => x.Id == fromId, ct);
                // A cancelled session has no next one to plan from it (the page offers none): the same 404 as a stray id.
                if (!GroupSession.MayPlanNextFrom(s.Status)) return null;
                var input = SessionInput.From(s);
                input.Date = null;
                input.Time = LocalDateTime.TimeText(TimeOnly.FromDateTime(FrenchTime.ToLocal(s.ScheduledAt)));
                previous = new Previous(s.Id, s.Theme, s.ScheduledAt, s.GroupForNextSession().Count, input);
                department = reference.DepartmentId;
            }
            if (department is null) return null;
            var options = await SessionOptions.LoadAsync(db, department.Value, ct);
            return options is null ? null : (options, previous);
        }

        public async Task<Outcome> PlanAsync(SessionInput input, SessionOptions options, Previous? previous, ClaimsPrincipal user, CancellationToken ct)
        {
            var me = user.RequiredUserId();
            var now = clock.GetUtcNow();
            GroupSession session;
            try
            {
                session = GroupSession.Plan(options.DepartmentId, me, input.ToDetails(), options.DepartmentMax, now, previous?.Id);
            }
            catch (DomainRuleException e)
            {
                return new Outcome(Guid.Empty, null, e.Message);
            }
            session.TakeChecklist(await ChecklistAsync(options.DepartmentId, now, ct));
            db.GroupSessions.Add(session);

            var notes = new List<string> { "La séance est planifiée." };
            if (previous is not null) notes.AddRange(await CarryGroupAsync(session, previous.Id, user, now, ct));
            await db.SaveChangesAsync(ct);
            return new Outcome(session.Id, string.Join(" ", notes), null);
        }

        /// <summary>
        /// The department's published group checklist; a department that never had one gets the default list, published
        /// as installed, which its administrators then edit like the others.
        /// </summary>
        private async Task<ChecklistTemplate> ChecklistAsync(int departmentId, DateTimeOffset now, CancellationToken ct)
        {
            var template = await db.ChecklistTemplates.Include(t => t.Items)
                .Where(t => t.DepartmentId == departmentId && t.Modality == Modality.Group && t.PublishedAt != null)
                .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
            if (template is not null) return template;
            var version = await db.ChecklistTemplates.Where(t => t.DepartmentId == departmentId && t.Modality == Modality.Group)
                .Select(t => (int?)t.Version).MaxAsync(ct) ?? 0;
            template = DefaultChecklists.For(departmentId, Modality.Group, version + 1, now);
            db.ChecklistTemplates.Add(template);
            return template;
        }

        /// <summary>The previous session's group: registered when the planner follows them, else proposed to their referent.</summary>
        private async Task<IEnumerable<string>> CarryGroupAsync(GroupSession session, Guid previousId, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
        {
            var me = user.RequiredUserId();
            var group = (await db.GroupSessions.AsNoTracking().Include(s => s.Participants).FirstAsync(s => s.Id == previousId, ct))
                .GroupForNextSession();
            var histories = await db.ConsentHistoriesAsync(group, ct);
            var files = await db.Persons.AsNoTracking().Where(p => group.Contains(p.Id))
                .Select(p => new
                {
                    p.Id, p.FirstName, Standing = new PersonStanding(p.Id, p.Status, p.AnonymisedAt != null, p.ProcessingRestricted),
                    Ref = new PersonRef(p.Id, p.DepartmentId, p.ReferentId, db.Users.Where(u => u.Id == p.ReferentId).Select(u => u.TeamId).FirstOrDefault()),
                })
                .ToDictionaryAsync(p => p.Id, ct);
            int registered = 0, waiting = 0, proposed = 0;
            var left = new List<string>();
            foreach (var personId in group)
            {
                if (!files.TryGetValue(personId, out var file)) continue;
                var follows = await persons.AllowsAsync(user, file.Ref, PersonOperation.Edit);
                try
                {
                    // The session's rule refuses a closed, anonymised or restricted file as it refuses a missing agreement.
                    var change = session.Enrol(file.Standing, follows, histories[personId], me, now);
                    await seats.FollowUpAsync(session, change, me, now, ct);
                    if (change.Status == ParticipantStatus.Registered) registered++;
                    else if (change.Status == ParticipantStatus.Waiting) waiting++;
                    else proposed++;
                }
                catch (DomainRuleException)
                {
                    left.Add(file.FirstName);
                }
            }
            var notes = new List<string> { $"Le groupe de la séance précédente : {registered} inscrit(s), {proposed} proposé(s) à leur référent, {waiting} en liste d'attente." };
            if (left.Count > 0)
                notes.Add($"Non repris (accord manquant, suivi clos ou limité) : {string.Join(", ", left)}. Recueillez leur accord avant de les inscrire.");
            return notes;
        }
    }
}
