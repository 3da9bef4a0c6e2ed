using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

/// <summary>Consents and interviews written straight to the database, for the agenda, calendar and quick-log tests.</summary>
internal static class AgendaArrange
{
    public static Task ConsentAsync(AppFactory factory, AccompaniedPerson person, Modality modality, ConsentDecision decision, DateTimeOffset at) =>
        factory.WithDbAsync(async db =>
        {
            db.Consents.Add(ConsentRecord.Seed(person.DepartmentId, person.Id, modality, decision, at, person.ReferentId, ConsentMethod.InPerson));
            await db.SaveChangesAsync();
        });

    /// <summary>An interview with the department's default checklist for its modality, nothing ticked unless asked.</summary>
    public static Task<Interview> InterviewAsync(AppFactory factory, AccompaniedPerson person, AppUser worker, Modality modality, DateTimeOffset start,
        InterviewStatus status = InterviewStatus.Planned, bool tickRequiredBefore = false, int duration = 45) =>
        factory.WithDbAsync(async db =>
        {
            var template = await db.ChecklistTemplates.Include(t => t.Items)
                .FirstOrDefaultAsync(t => t.DepartmentId == person.DepartmentId && t.Modality == modality);
            if (template is null)
            {
                template = DefaultChecklists.For(person.DepartmentId, modality, 1, TestClock.Start.AddDays(-30));
                db.ChecklistTemplates.Add(template);
            }
            var interview = await TestInterviews.ArrangeAsync(db, person, worker.Id, modality, start, status, template,
                p => p with { DurationMinutes = duration, Objectives = "Préparer le dossier de logement social avec Mme Kerjean." },
                createdAt: TestClock.Start.AddDays(-7));
            if (tickRequiredBefore)
                foreach (var item in interview.Checklist.Where(i => i.Phase == ChecklistPhase.Before && i.Required).ToList())
                    interview.Tick(item.Id, true, worker.Id, TestClock.Start.AddDays(-1));
            await db.SaveChangesAsync();
            return interview;
        });

    /// <summary>A time given in Paris local time, as the worker reads it.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        RemoteSupport.Web.Infrastructure.FrenchTime.FromLocal(new DateTime(year, month, day, hour, minute, 0));
}
