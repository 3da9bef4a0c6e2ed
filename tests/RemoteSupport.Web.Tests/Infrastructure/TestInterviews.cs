using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Tests.Infrastructure;

/// <summary>
/// Arranges interviews through the domain's own rules (<see cref="Interview.Schedule"/>, Start, Complete…), as the
/// application and the demo seeding do: a test never builds a state the rules could not reach. The consents the rules
/// ask for are granted in memory only; the database keeps whatever consents the test itself records.
/// </summary>
public static class TestInterviews
{
    public static List<ConsentRecord> GrantedInMemory(AccompaniedPerson person, DateTimeOffset at) =>
        Enum.GetValues<Modality>().Select(m =>
            ConsentRecord.Seed(person.DepartmentId, person.Id, m, ConsentDecision.Granted, at, person.ReferentId)).ToList();

    /// <summary>
    /// Schedules an interview at <paramref name="at"/> (created a week before, or at <paramref name="createdAt"/>), then
    /// brings it to <paramref name="status"/> through the domain's transitions, and adds it to <paramref name="db"/>.
    /// A video interview gets the department's first tool (one is added when there is none).
    /// </summary>
    public static async Task<Interview> ArrangeAsync(AppDbContext db, AccompaniedPerson person, Guid workerId, Modality modality,
        DateTimeOffset at, InterviewStatus status = InterviewStatus.Planned, ChecklistTemplate? template = null,
        Func<InterviewPlan, InterviewPlan>? plan = null, DateTimeOffset? createdAt = null, InterviewOutcome? outcome = null,
        Modality? fallbackTo = null)
    {
        var created = createdAt ?? at.AddDays(-7);
        if (created >= at) created = at.AddDays(-1);
        var consents = GrantedInMemory(person, created.AddDays(-1));
        Guid? toolId = null;
        if (modality == Modality.Video)
        {
            var tool = await db.VideoTools.FirstOrDefaultAsync(t => t.DepartmentId == person.DepartmentId);
            if (tool is null)
            {
                tool = new VideoTool { DepartmentId = person.DepartmentId, Name = "Visio départementale", PrivacyNote = "Hébergé par le département." };
                db.VideoTools.Add(tool);
            }
            toolId = tool.Id;
        }
        var wanted = new InterviewPlan
        {
            Modality = modality, ScheduledAt = at, DurationMinutes = 45, Objectives = "Point d'étape", VideoToolId = toolId,
        };
        var interview = Interview.Schedule(person, workerId, plan is null ? wanted : plan(wanted), consents, template, created);
        if (fallbackTo is { } to || status is InterviewStatus.InProgress or InterviewStatus.Completed) interview.Start(at, consents);
        if (fallbackTo is { } fallback) interview.SwitchToFallback(fallback, "Connexion coupée", at.AddMinutes(5), consents);
        switch (status)
        {
            case InterviewStatus.Completed:
                var justification = interview.MissingRequired(ChecklistPhase.Before, ChecklistPhase.During).Any() ? "Préparé autrement." : null;
                interview.Complete(outcome ?? new InterviewOutcome("Compte rendu", IncompleteChecklistJustification: justification),
                    at.AddMinutes(interview.DurationMinutes), consents);
                break;
            case InterviewStatus.Postponed:
                interview.Postpone(PostponeReason.PersonUnavailable, null, at);
                break;
            case InterviewStatus.Cancelled:
                interview.Cancel("Annulé", created.AddHours(1));
                break;
            case InterviewStatus.NoShow:
                interview.MarkNoShow(null, at.AddMinutes(20));
                break;
            case InterviewStatus.Planned or InterviewStatus.InProgress:
                break;
        }
        db.Interviews.Add(interview);
        return interview;
    }

    /// <summary>
    /// A follow-up action as the application records it: decided when completing an interview of the person (the
    /// person's first interview, or a completed one arranged a month before the test clock), done at <paramref name="doneAt"/>.
    /// </summary>
    public static async Task<FollowUpAction> FollowUpAsync(AppDbContext db, AccompaniedPerson person, string who, string what, DateOnly dueOn,
        DateTimeOffset? doneAt = null)
    {
        var interview = await db.Interviews.FirstOrDefaultAsync(i => i.PersonId == person.Id)
            ?? await ArrangeAsync(db, person, person.ReferentId, Modality.Phone, TestClock.Start.AddDays(-30), InterviewStatus.Completed);
        var action = FollowUpAction.Decide(interview, who, what, dueOn);
        if (doneAt is { } at) action.MarkDone(at);
        db.FollowUpActions.Add(action);
        return action;
    }
}
