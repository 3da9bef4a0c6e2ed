using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Interviews;

namespace RemoteSupport.Web.Tests.Pages.Groups;

public static class GroupData
{
    /// <summary>Tuesday 1 December 2026, 14:00 in Paris.</summary>
    public static readonly DateTimeOffset NextTuesday14 = new(2026, 12, 1, 13, 0, 0, TimeSpan.Zero);

    /// <summary>A person of <paramref name="referent"/> with the agreements a video group needs (and e-mail, to be invited).</summary>
    public static async Task<AccompaniedPerson> ReadyPersonAsync(AppFactory factory, AppUser referent, string first, string last, string email,
        params Modality[] consents)
    {
        var person = await World.AddPersonAsync(factory, referent, p =>
        {
            p.FirstName = first;
            p.LastName = last;
            p.Email = email;
            p.Phone = "06 11 22 33 " + (Math.Abs(first.GetHashCode()) % 90 + 10);
        });
        await InterviewData.ConsentAsync(factory, person, referent, ConsentDecision.Granted,
            consents.Length > 0 ? consents : [Modality.Video, Modality.Group, Modality.Email]);
        return person;
    }

    /// <summary>A planned video session of CD56, run by <paramref name="facilitator"/>, through the domain's own rules.</summary>
    public static async Task<GroupSession> SessionAsync(AppFactory factory, AppUser facilitator, int capacity = 4, DateTimeOffset? at = null)
    {
        var tool = await InterviewData.AddToolAsync(factory, facilitator.DepartmentId);
        return await factory.WithDbAsync(async db =>
        {
            var session = GroupSession.Plan(facilitator.DepartmentId, facilitator.Id,
                new GroupSessionDetails("Faire le point sur son budget", at ?? NextTuesday14, 90, Modality.Video, tool.Id, "https://visio.cd56.test/groupe-budget",
                    capacity, "1. Tour de présentation\n2. Les dépenses du mois\n3. Questions", "Chacun son tour.", facilitator.Id, null, null),
                8, TestClock.Start);
            db.GroupSessions.Add(session);
            await db.SaveChangesAsync();
            return session;
        });
    }

    public static Task<GroupSession> LoadAsync(AppFactory factory, Guid id) =>
        factory.WithDbAsync(db => db.GroupSessions.AsNoTracking().Include(s => s.Participants).Include(s => s.Checklist).FirstAsync(s => s.Id == id));

    /// <summary>Registers directly in the database (the referent's own act, consents checked by the domain).</summary>
    public static Task EnrolAsync(AppFactory factory, Guid sessionId, AccompaniedPerson person, AppUser by) =>
        factory.WithDbAsync(async db =>
        {
            var session = await db.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == sessionId);
            var history = await db.Consents.Where(c => c.PersonId == person.Id).ToListAsync();
            session.Enrol(PersonStanding.Of(person), true, history, by.Id, TestClock.Start);
            await db.SaveChangesAsync();
        });
}
