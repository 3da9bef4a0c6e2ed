using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Interviews;

/// <summary>
/// What scheduling needs from the database around the domain's <see cref="Interview.Schedule"/>: the department's
/// approved tool, the published checklist, the department's working hours. The caller passes the person and their
/// consent history it has already read: one read of each per request.
/// </summary>
public static class InterviewScheduler
{
    /// <summary>The new interview (not yet added to the context), or the refusal or the confirmation to ask for.</summary>
    public static async Task<(Interview? Interview, InterviewAction? Stop, bool WithoutChecklist)> TryScheduleAsync(AppDbContext db,
        AccompaniedPerson person, IReadOnlyCollection<ConsentRecord> consents, Guid workerId, InterviewPlan plan, string? confirmedWarnings,
        DateTimeOffset now, CancellationToken ct, string videoToolField = "Input.VideoToolId")
    {
        if (plan.Modality == Modality.Video && plan.VideoToolId is { } toolId
            && !await db.VideoTools.AnyAsync(t => t.Id == toolId && t.IsActive && t.DepartmentId == person.DepartmentId, ct))
            return (null, new InterviewAction.Refused("Choisissez un outil de visioconférence parmi ceux que le département a validés.", videoToolField), false);

        var template = await LatestPublishedTemplateAsync(db, person.DepartmentId, plan.Modality, ct);
        Interview interview;
        try
        {
            interview = Interview.Schedule(person, workerId, plan, consents, template, now);
        }
        catch (DomainRuleException e)
        {
            return (null, new InterviewAction.Refused(e.Message), false);
        }

        var department = await db.Departments.AsNoTracking().FirstAsync(d => d.Id == person.DepartmentId, ct);
        var check = Interview.WarningsFor(person, department, FrenchTime.ToLocal(plan.ScheduledAt), plan.DurationMinutes);
        if (check.NeedsConfirmation(confirmedWarnings)) return (null, new InterviewAction.Confirm(check), false);
        return (interview, null, template is null);
    }

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
