using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.TeamLead;

/// <summary>Rows the team-lead pages read, inserted directly in the database as other features would leave them.</summary>
public static class TeamLeadData
{
    public static readonly DateTimeOffset Now = TestClock.Start;

    /// <summary>A person with nothing to report: contacted 3 days ago, phone consent given, already met.</summary>
    public static Task<AccompaniedPerson> CalmPersonAsync(AppFactory factory, AppUser referent, string lastName,
        Action<PersonSeed>? configure = null) =>
        PersonAsync(factory, referent, lastName, p => { p.LastContactAt = Now.AddDays(-3); configure?.Invoke(p); }, consent: true);

    public static async Task<AccompaniedPerson> PersonAsync(AppFactory factory, AppUser referent, string lastName,
        Action<PersonSeed>? configure = null, bool consent = false)
    {
        var person = await World.AddPersonAsync(factory, referent, p =>
        {
            p.LastName = lastName;
            p.FirstName = "Anne";
            configure?.Invoke(p);
        });
        if (consent) await ConsentAsync(factory, person, Modality.Phone, ConsentDecision.Granted, Now.AddDays(-50));
        return person;
    }

    public static Task ConsentAsync(AppFactory factory, AccompaniedPerson person, Modality modality, ConsentDecision decision, DateTimeOffset at) =>
        factory.WithDbAsync(async db =>
        {
            db.Consents.Add(ConsentRecord.Seed(person.DepartmentId, person.Id, modality, decision, at, person.ReferentId));
            await db.SaveChangesAsync();
        });

    /// <summary>An interview brought to <paramref name="status"/> through the domain's rules, optionally switched to plan B on the way.</summary>
    public static Task<Interview> InterviewAsync(AppFactory factory, AccompaniedPerson person, Guid workerId, Modality modality,
        DateTimeOffset at, InterviewStatus status, InterviewOutcome? outcome = null, Modality? fallbackTo = null) =>
        factory.WithDbAsync(async db =>
        {
            var interview = await TestInterviews.ArrangeAsync(db, person, workerId, modality, at, status, outcome: outcome, fallbackTo: fallbackTo);
            await db.SaveChangesAsync();
            return interview;
        });

    public static Task ActionAsync(AppFactory factory, AccompaniedPerson person, DateOnly dueOn, bool done = false) =>
        factory.WithDbAsync(async db =>
        {
            await TestInterviews.FollowUpAsync(db, person, "Travailleur social", "Envoyer le dossier", dueOn, done ? Now.AddDays(-1) : null);
            await db.SaveChangesAsync();
        });

    public static Task DeactivateAsync(AppFactory factory, AppUser user) =>
        factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.Id == user.Id).IsActive = false;
            await db.SaveChangesAsync();
        });

    /// <summary>A team lead of CD56 who leads no particular team: their scope is the whole department.</summary>
    public static Task<AppUser> DepartmentLeadAsync(AppFactory factory, World world) =>
        factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var lead = new AppUser
            {
                UserName = "direction@cd56.test", Email = "direction@cd56.test", EmailConfirmed = true, DisplayName = "Dominique Direction",
                DepartmentId = world.Cd56.Id, CreatedAt = TestClock.Start,
            };
            var result = await users.CreateAsync(lead, World.Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
            await users.AddToRoleAsync(lead, Roles.TeamLead);
            return lead;
        });
}
