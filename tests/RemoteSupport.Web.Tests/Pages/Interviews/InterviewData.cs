using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

/// <summary>Arranges interview data directly in the database: consents, published templates, tools, interviews.</summary>
public static class InterviewData
{
    /// <summary>Tuesday 24 November 2026, 10:00 in Paris: inside working hours, the day after the test clock's start.</summary>
    public static readonly DateTimeOffset Tomorrow10 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static Task ConsentAsync(AppFactory factory, AccompaniedPerson person, AppUser by, ConsentDecision decision, params Modality[] modalities) =>
        ConsentAtAsync(factory, person, by, decision, TestClock.Start.AddDays(-10), modalities);

    public static Task ConsentAtAsync(AppFactory factory, AccompaniedPerson person, AppUser by, ConsentDecision decision, DateTimeOffset at,
        params Modality[] modalities) =>
        factory.WithDbAsync(async db =>
        {
            db.Consents.AddRange(modalities.Select(m => ConsentRecord.Seed(person.DepartmentId, person.Id, m, decision, at, by.Id)));
            await db.SaveChangesAsync();
        });

    public static Task<ChecklistTemplate> PublishTemplateAsync(AppFactory factory, int departmentId, Modality modality, int version,
        params (ChecklistPhase Phase, string Text, bool Required)[] items) =>
        factory.WithDbAsync(async db =>
        {
            var template = ChecklistTemplate.Draft(departmentId, modality, version);
            foreach (var item in items) template.AddItem(item.Phase, item.Text, item.Required, null);
            template.PublishAsInstalledDefault(TestClock.Start.AddDays(-30 + version));
            db.ChecklistTemplates.Add(template);
            await db.SaveChangesAsync();
            return template;
        });

    /// <summary>A small published template: two "before" items (one required), one required "during", one "after".</summary>
    public static Task<ChecklistTemplate> StandardTemplateAsync(AppFactory factory, int departmentId, Modality modality, int version = 1) =>
        PublishTemplateAsync(factory, departmentId, modality, version,
            (ChecklistPhase.Before, "Lieu calme et confidentiel des deux côtés", true),
            (ChecklistPhase.Before, "Numéro de secours noté", false),
            (ChecklistPhase.During, "Reformuler ce qui a été compris", true),
            (ChecklistPhase.After, "Consigner l'entretien", true));

    public static Task<VideoTool> AddToolAsync(AppFactory factory, int departmentId, string name = "Visio départementale") =>
        factory.WithDbAsync(async db =>
        {
            var tool = new VideoTool { DepartmentId = departmentId, Name = name, PrivacyNote = "Hébergé par le département, sans enregistrement." };
            db.VideoTools.Add(tool);
            await db.SaveChangesAsync();
            return tool;
        });

    /// <summary>
    /// An interview, with a snapshot of the given template, arranged through the domain's rules (<see cref="TestInterviews"/>)
    /// and stored directly: planned by default, or brought to <paramref name="status"/>.
    /// </summary>
    public static Task<Interview> AddInterviewAsync(AppFactory factory, AccompaniedPerson person, AppUser worker, Modality modality = Modality.Phone,
        DateTimeOffset? at = null, ChecklistTemplate? template = null, Action<Interview>? configure = null,
        InterviewStatus status = InterviewStatus.Planned, Func<InterviewPlan, InterviewPlan>? plan = null, InterviewOutcome? outcome = null) =>
        factory.WithDbAsync(async db =>
        {
            var stored = template is null ? null : await db.ChecklistTemplates.AsNoTracking().Include(t => t.Items).FirstAsync(t => t.Id == template.Id);
            var interview = await TestInterviews.ArrangeAsync(db, person, worker.Id, modality, at ?? Tomorrow10, status, stored,
                p =>
                {
                    p = p with { Objectives = "Faire le point sur la demande de logement" };
                    var withFallback = modality == Modality.Phone ? p : p with { FallbackModality = Modality.Phone, FallbackPhone = "06 39 98 00 01" };
                    return plan is null ? withFallback : plan(withFallback);
                },
                createdAt: TestClock.Start, outcome: outcome);
            configure?.Invoke(interview);
            await db.SaveChangesAsync();
            return interview;
        });

    public static Task<Interview> LoadAsync(AppFactory factory, Guid id) =>
        factory.WithDbAsync(db => db.Interviews.AsNoTracking().AsSplitQuery()
            .Include(i => i.Checklist).Include(i => i.Participants).Include(i => i.FallbackSwitches)
            .FirstAsync(i => i.Id == id));

    public static Task<List<Domain.Activity.ActivityLogEntry>> JournalAsync(AppFactory factory, Guid personId) =>
        factory.WithDbAsync(db => db.ActivityLog.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.Id).ToListAsync());

    public static Task<int> InterviewCountAsync(AppFactory factory) => factory.WithDbAsync(db => db.Interviews.CountAsync());

    /// <summary>
    /// A forged POST from a signed-in user of another department: they cannot load the form, so the antiforgery token
    /// comes from a page they can open. Proves the 404 comes from the record's isolation, not from a missing token.
    /// </summary>
    public static async Task<Infrastructure.Page> ForgedPostAsync(WebClient client, string url, params (string Name, string Value)[] fields) =>
        await client.PostAsync(url, [.. fields, ("__RequestVerificationToken", await TokenAsync(client))]);

    /// <summary>A valid antiforgery token for this client, read from a page every worker can open.</summary>
    public static async Task<string> TokenAsync(WebClient client)
    {
        var own = await client.GetAsync("/Persons/Create");
        return own.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
    }
}
