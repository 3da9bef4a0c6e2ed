using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

public static class InterviewGate
{
    /// <summary>The interview, if the user may act on it (see <see cref="PersonGate.AuthorizeInterviewAsync"/>).</summary>
    public static Task<InterviewRef?> FindAsync(AppDbContext db, PersonGate gate, ClaimsPrincipal user, Guid id,
        PersonOperation operation, CancellationToken ct)
    {
        _ = db;
        return gate.AuthorizeInterviewAsync(user, id, operation, ct);
    }
}

/// <summary>The result of asking to schedule an interview (from the schedule form, a postponement or a completion).</summary>
public abstract record SchedulingOutcome
{
    public sealed record Scheduled(Interview Interview, bool WithoutChecklist) : SchedulingOutcome;
    /// <summary>A rule refused it; <paramref name="Field"/> is the form field to show the message next to, or "" for the top.</summary>
    public sealed record Refused(string Message, string Field = "") : SchedulingOutcome;
    /// <summary>The slot is allowed but deserves a second look: the form shows the warnings and asks to confirm.</summary>
    public sealed record NeedsConfirmation(IReadOnlyList<SlotWarning> Warnings, string Key) : SchedulingOutcome;
}

/// <summary>Scheduling shared by the pages that create an interview: approved tool, checklist snapshot, warnings.</summary>
public static class InterviewScheduler
{
    public static async Task<SchedulingOutcome> TryScheduleAsync(AppDbContext db, AccompaniedPerson person, Guid workerId, InterviewPlan plan,
        string? confirmedWarnings, DateTimeOffset now, CancellationToken ct, string videoToolField = "Input.VideoToolId")
    {
        if (plan.Modality == Modality.Video && plan.VideoToolId is { } toolId
            && !await db.VideoTools.AnyAsync(t => t.Id == toolId && t.IsActive && t.DepartmentId == person.DepartmentId, ct))
            return new SchedulingOutcome.Refused("Choisissez un outil de visioconférence parmi ceux que le département a validés.", videoToolField);

        var consents = await ConsentsAsync(db, person.Id, ct);
        var template = await LatestPublishedTemplateAsync(db, person.DepartmentId, plan.Modality, ct);
        Interview interview;
        try
        {
            interview = Interview.Schedule(person, workerId, plan, consents, template, now);
        }
        catch (DomainRuleException e)
        {
            return new SchedulingOutcome.Refused(e.Message);
        }

        var department = await db.Departments.AsNoTracking().FirstAsync(d => d.Id == person.DepartmentId, ct);
        var warnings = Interview.WarningsFor(person, department, FrenchTime.ToLocal(plan.ScheduledAt), plan.DurationMinutes);
        var key = WarningKey(warnings);
        // The confirmation names the warnings it saw: a slot changed after confirming is checked again.
        if (warnings.Count > 0 && !string.Equals(confirmedWarnings, key, StringComparison.Ordinal))
            return new SchedulingOutcome.NeedsConfirmation(warnings, key);
        return new SchedulingOutcome.Scheduled(interview, template is null);
    }

    public static string WarningKey(IEnumerable<SlotWarning> warnings) => string.Join(",", warnings.Select(w => w.ToString()));

    public static Task<List<ConsentRecord>> ConsentsAsync(AppDbContext db, Guid personId, CancellationToken ct) =>
        db.Consents.AsNoTracking().Where(c => c.PersonId == personId).ToListAsync(ct);

    /// <summary>The version an interview scheduled now copies: the highest published version for the department and modality.</summary>
    public static Task<ChecklistTemplate?> LatestPublishedTemplateAsync(AppDbContext db, int departmentId, Modality modality, CancellationToken ct) =>
        db.ChecklistTemplates.AsNoTracking()
            .Include(t => t.Items)
            .Where(t => t.DepartmentId == departmentId && t.Modality == modality && t.PublishedAt != null)
            .OrderByDescending(t => t.Version)
            .FirstOrDefaultAsync(ct);

    public static string Describe(Interview interview) =>
        $"Entretien par {interview.Modality.French()} planifié le {FrenchTime.Format(interview.ScheduledAt)} ({interview.DurationMinutes} min).";
}

/// <summary>Date and time typed in French local time, as text: a bad value gets a French message, not a binding error.</summary>
public static class LocalSlot
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm", "HH'h'", "H'h'", "HH:mm:ss"];

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The UTC instant of a local date and time, or null when either does not parse.</summary>
    public static DateTimeOffset? ToUtc(string? date, string? time) =>
        TryDate(date, out var d) && TryTime(time, out var t) ? FrenchTime.FromLocal(d.ToDateTime(t)) : null;

    public static string DateText(DateTimeOffset utc) => FrenchTime.ToLocal(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string TimeText(DateTimeOffset utc) => FrenchTime.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);
}

public static class InterviewForms
{
    public const string ConcurrencyMessage =
        "Quelqu'un d'autre a modifié cet entretien pendant que vous remplissiez ce formulaire. Rien n'a été enregistré : "
        + "rechargez la page pour voir où en est l'entretien, puis recommencez si c'est encore utile.";

}

public static class ConsentLabels
{
    /// <summary>The state of one modality in a few words, for forms and the interview page.</summary>
    public static string Describe(ConsentState state) => state.Decision switch
    {
        ConsentDecision.Granted => $"accord donné le {FrenchTime.FormatDate(state.Since)}",
        ConsentDecision.Refused => $"refusé le {FrenchTime.FormatDate(state.Since)}",
        ConsentDecision.Withdrawn => $"accord retiré le {FrenchTime.FormatDate(state.Since)}",
        null => "aucun accord recueilli",
    };
}

/// <summary>What the action pages (plan B, postpone, cancel, no-show, complete) show about the interview they act on.</summary>
public sealed record InterviewHeader(Guid Id, Guid PersonId, string PersonName, Guid WorkerId, Modality Modality, DateTimeOffset ScheduledAt,
    InterviewStatus Status, uint Version, Modality? FallbackModality)
{
    public string Title => $"entretien par {Modality.French()} du {FrenchTime.Format(ScheduledAt)}";

    /// <summary>The header, if the user may act on the interview (see <see cref="InterviewGate"/>); otherwise null, shown as 404.</summary>
    public static async Task<InterviewHeader?> LoadAsync(AppDbContext db, PersonGate gate, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (await InterviewGate.FindAsync(db, gate, user, id, PersonOperation.Edit, ct) is null) return null;
        return await db.Interviews.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new InterviewHeader(i.Id, i.PersonId,
                db.Persons.Where(p => p.Id == i.PersonId).Select(p => p.FirstName + " " + p.LastName).First(),
                i.WorkerId, i.Modality, i.ScheduledAt, i.Status, i.Version, i.FallbackModality))
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

    /// <summary>One save; false when someone else changed the interview since the form was loaded.</summary>
    public static async Task<bool> TrySaveAsync(this AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}

/// <summary>What an action page's handler answers.</summary>
public abstract record InterviewActionOutcome
{
    public sealed record Done(string Flash, Guid RedirectTo) : InterviewActionOutcome;
    public sealed record Refused(string Message, string Field = "") : InterviewActionOutcome;
    public sealed record Confirm(SchedulingOutcome.NeedsConfirmation Warnings) : InterviewActionOutcome;
    public sealed record NotFound : InterviewActionOutcome;
}

public static class InterviewPageExtensions
{
    public static Microsoft.AspNetCore.Mvc.RedirectToPageResult RedirectWithFlash(this PageModel page, InterviewActionOutcome.Done done)
    {
        page.TempData["flash"] = done.Flash;
        return page.RedirectToPage("/Interviews/Details", new { id = done.RedirectTo });
    }
}

/// <summary>Date and time fields of a slot: real values, in the future, within two years.</summary>
public static class SlotRules
{
    public static void AddSlotRules<T>(this AbstractValidator<T> v, Expression<Func<T, string?>> date, Expression<Func<T, string?>> time,
        TimeProvider clock, Func<T, bool>? when = null)
    {
        var readTime = time.Compile();
        when ??= _ => true;
        v.RuleFor(date).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Indiquez la date.")
            .Must(d => LocalSlot.TryDate(d, out _)).WithMessage("Saisissez une date qui existe, par exemple 24/11/2026.")
            .Must((c, d) => LocalSlot.ToUtc(d, readTime(c)) is not { } at || at > clock.GetUtcNow())
            .WithMessage("Cette date et cette heure sont déjà passées.")
            .Must((c, d) => LocalSlot.ToUtc(d, readTime(c)) is not { } at || at <= clock.GetUtcNow().AddYears(2))
            .WithMessage("Choisissez une date dans les deux ans qui viennent.")
            .When(when);
        v.RuleFor(time).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Indiquez l'heure de début.")
            .Must(t => LocalSlot.TryTime(t, out _)).WithMessage("Saisissez une heure, par exemple 14:30.")
            .When(when);
    }
}

/// <summary>
/// Ends an open interview without completing it (cancelled, no-show): load, check the version, apply the domain
/// transition, write the journal, save. The pages differ only in the transition, the journal text and the message.
/// </summary>
public static class InterviewEnding
{
    public static async Task<InterviewActionOutcome> EndAsync(AppDbContext db, TimeProvider clock, Guid id, uint version,
        System.Security.Claims.ClaimsPrincipal user, string? rawComment, Action<Interview, string?, DateTimeOffset> end,
        ActivityKind kind, Func<Interview, string?, string> describe, string done, CancellationToken ct,
        Func<Interview, Task>? beforeSave = null)
    {
        var interview = await db.Interviews.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (interview is null) return new InterviewActionOutcome.NotFound();
        db.ExpectVersion(interview, version);
        var now = clock.GetUtcNow();
        var comment = string.IsNullOrWhiteSpace(rawComment) ? null : rawComment.Trim();
        try
        {
            end(interview, comment, now);
        }
        catch (DomainRuleException e)
        {
            return new InterviewActionOutcome.Refused(e.Message);
        }
        db.ActivityLog.Add(ActivityLogEntry.For(interview.DepartmentId, interview.PersonId, user.RequiredUserId(), now,
            kind, describe(interview, comment), interview.Id, interview.Modality));
        if (beforeSave is not null) await beforeSave(interview);
        return await db.TrySaveAsync(ct)
            ? new InterviewActionOutcome.Done(done, id)
            : new InterviewActionOutcome.Refused(InterviewForms.ConcurrencyMessage);
    }
}
