using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Consents;

/// <summary>Arranges consent answers and planned interviews directly in the database.</summary>
public static class ConsentData
{
    public static Task<ConsentRecord> AddAnswerAsync(AppFactory factory, AccompaniedPerson person, AppUser by, Modality modality,
        ConsentDecision decision, DateTimeOffset decidedAt, string? comment = null, ConsentMethod method = ConsentMethod.OrallyDuringCall) =>
        factory.WithDbAsync(async db =>
        {
            var record = ConsentRecord.Seed(person.DepartmentId, person.Id, modality, decision, decidedAt, by.Id, method, comment: comment);
            db.Consents.Add(record);
            await db.SaveChangesAsync();
            return record;
        });

    public static Task<Interview> AddInterviewAsync(AppFactory factory, AccompaniedPerson person, AppUser worker, Modality modality,
        DateTimeOffset scheduledAt, InterviewStatus status = InterviewStatus.Planned) =>
        factory.WithDbAsync(async db =>
        {
            var interview = await TestInterviews.ArrangeAsync(db, person, worker.Id, modality, scheduledAt, status, plan:
                p => p with { Objectives = "Faire le point sur les démarches en cours." }, createdAt: TestClock.Start.AddDays(-2));
            await db.SaveChangesAsync();
            return interview;
        });

    /// <summary>The state shown in the person page's consent matrix for one modality (its French title).</summary>
    public static string? MatrixState(this Page page, string modalityTitle) =>
        page.Document.QuerySelectorAll("table.consent-matrix tbody tr")
            .FirstOrDefault(r => r.QuerySelector("th")?.TextContent.Trim() == modalityTitle)
            ?.QuerySelector("td")?.TextContent.Trim();

    public static Task<int> CountAnswersAsync(AppFactory factory, Guid personId) =>
        factory.WithDbAsync(db => Task.FromResult(db.Consents.Count(c => c.PersonId == personId)));
}
