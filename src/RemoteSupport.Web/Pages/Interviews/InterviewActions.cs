using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>What every interview action handler answers (schedule, start, plan B, postpone, cancel, no-show, complete, follow-up done).</summary>
public abstract record InterviewAction
{
    public sealed record Done(string Flash, Guid RedirectTo) : InterviewAction;
    /// <summary>A rule refused it; <paramref name="Field"/> is the form field to show the message next to, or "" for the top.</summary>
    public sealed record Refused(string Message, string Field = "") : InterviewAction;
    /// <summary>The slot is allowed but deserves a second look: the form shows the warnings and asks to confirm.</summary>
    public sealed record Confirm(SlotCheck Check) : InterviewAction;
    /// <summary>No such record for this user (another department, another team): 404.</summary>
    public sealed record NotFound : InterviewAction;

    public static readonly NotFound Missing = new();

    /// <summary>The one concurrency message of the app.</summary>
    public const string ConcurrencyMessage = PageModelExtensions.ConcurrencyMessage;
}

public static class InterviewActionPages
{
    /// <summary>
    /// Turns an outcome into the answer: a redirection with the flash message, the form again with the message next to
    /// its field (or with the slot warnings to confirm), or 404.
    /// </summary>
    public static IActionResult Answer(this PageModel page, InterviewAction outcome, Func<IActionResult> form,
        Action<SlotCheck>? confirm = null, string redirectPage = "/Interviews/Details")
    {
        switch (outcome)
        {
            case InterviewAction.Done d:
                page.TempData["flash"] = d.Flash;
                return page.RedirectToPage(redirectPage, new { id = d.RedirectTo });
            case InterviewAction.Refused r:
                page.ModelState.AddModelError(r.Field, r.Message);
                return form();
            case InterviewAction.Confirm c when confirm is not null:
                confirm(c.Check);
                return form();
            default:
                return page.NotFound();
        }
    }
}

/// <summary>What the action pages (plan B, postpone, cancel, no-show, complete) show about the interview they act on.</summary>
public sealed record InterviewHeader(Guid Id, Guid PersonId, string PersonName, Guid WorkerId, Modality Modality, DateTimeOffset ScheduledAt,
    InterviewStatus Status, uint Version, Modality? FallbackModality, Modality CurrentModality)
{
    public string Title => $"entretien par {Modality.French()} du {FrenchTime.Format(ScheduledAt)}";

    /// <summary>The header, if the user may act on the interview (<see cref="PersonGate.AuthorizeInterviewAsync"/>); otherwise null, shown as 404.</summary>
    public static async Task<InterviewHeader?> LoadAsync(AppDbContext db, PersonGate gate, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (await gate.AuthorizeInterviewAsync(user, id, PersonOperation.Edit, ct) is null) return null;
        return await db.Interviews.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new InterviewHeader(i.Id, i.PersonId,
                db.Persons.Where(p => p.Id == i.PersonId).Select(p => p.FirstName + " " + p.LastName).First(),
                i.WorkerId, i.Modality, i.ScheduledAt, i.Status, i.Version, i.FallbackModality,
                i.FallbackSwitches.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Select(s => (Modality?)s.To).FirstOrDefault() ?? i.Modality))
            .FirstOrDefaultAsync(ct);
    }
}

/// <summary>Saves an interview against the version the form was loaded from.</summary>
public static class InterviewSaving
{
    /// <summary>
    /// Sets the version the worker saw and makes sure the interview row itself is updated, so its xmin is checked
    /// even when the change only adds child rows (a plan B switch): a stale form is refused, never merged silently.
    /// </summary>
    public static void ExpectVersion(this AppDbContext db, Interview interview, uint version)
    {
        var entry = db.Entry(interview);
        entry.Property(i => i.Version).OriginalValue = version;
        entry.Property(i => i.Status).IsModified = true;
    }

    /// <summary>One save; a refusal with the concurrency message when someone else changed the interview meanwhile.</summary>
    public static async Task<InterviewAction> SaveAsync(this AppDbContext db, InterviewAction.Done done, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return done;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new InterviewAction.Refused(InterviewAction.ConcurrencyMessage);
        }
    }
}

/// <summary>Blank rows of a repeated group (participants, follow-up actions), so a form without JavaScript can add a few.</summary>
public static class FormRows
{
    /// <summary>
    /// Keeps every row up to the last filled one, then enough blank rows to reach <paramref name="blank"/> rows and
    /// always one blank row to add another (up to <paramref name="max"/>). Blank rows posted back are not counted:
    /// the form never grows by itself after an error.
    /// </summary>
    public static void Pad<T>(List<T> rows, Func<T, bool> isBlank, int blank, int max) where T : new()
    {
        var lastFilled = rows.FindLastIndex(r => !isBlank(r));
        var target = Math.Min(max, Math.Max(blank, lastFilled + 2));
        target = Math.Max(target, lastFilled + 1);
        if (rows.Count > target) rows.RemoveRange(target, rows.Count - target);
        while (rows.Count < target) rows.Add(new T());
    }
}

/// <summary>
/// Ends an open interview without completing it (cancelled, no-show): check access, load, check the version, apply the
/// domain transition, write the journal, save. The pages differ only in the transition, the journal text and the message.
/// </summary>
public static class InterviewEnding
{
    public static async Task<InterviewAction> EndAsync(AppDbContext db, PersonGate gate, TimeProvider clock, Guid id, uint version,
        ClaimsPrincipal user, string? rawComment, Action<Interview, string?, DateTimeOffset> end,
        Domain.Activity.ActivityKind kind, Func<Interview, string?, string> describe, string done, CancellationToken ct,
        Func<Interview, Task>? beforeSave = null)
    {
        if (await gate.AuthorizeInterviewAsync(user, id, PersonOperation.Edit, ct) is null) return InterviewAction.Missing;
        var interview = await db.Interviews.FirstAsync(i => i.Id == id, ct);
        db.ExpectVersion(interview, version);
        var now = clock.GetUtcNow();
        var comment = string.IsNullOrWhiteSpace(rawComment) ? null : rawComment.Trim();
        try
        {
            end(interview, comment, now);
        }
        catch (DomainRuleException e)
        {
            return new InterviewAction.Refused(e.Message);
        }
        db.ActivityLog.Add(Domain.Activity.ActivityLogEntry.For(interview.DepartmentId, interview.PersonId, user.RequiredUserId(), now,
            kind, describe(interview, comment), interview.Id, interview.Modality));
        // The messages this change causes (a cancellation notice) are written in the same save (transactional outbox).
        if (beforeSave is not null) await beforeSave(interview);
        return await db.SaveAsync(new InterviewAction.Done(done, id), ct);
    }
}
