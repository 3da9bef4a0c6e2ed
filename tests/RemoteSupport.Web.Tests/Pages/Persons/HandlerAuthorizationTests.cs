using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Pages.Consents;
using Record = RemoteSupport.Web.Pages.Consents.Record;
using RemoteSupport.Web.Pages.Contacts;
using RemoteSupport.Web.Pages.Persons;
using RemoteSupport.Web.Pages.TeamLead;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

/// <summary>
/// The write handlers check access themselves: called directly, without the page's GET and without its form-loading
/// step, by a worker of another team (same department, so the department filter lets the row through), each one
/// refuses and writes nothing. Their context here sees every department: only the handler's own check can refuse.
/// </summary>
public sealed class HandlerAuthorizationTests(AppFactory factory) : WebTest(factory)
{
    private Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, AppUser user) =>
        services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);

    private async Task<(int Journal, AccompaniedPerson Person, int Consents)> StoredAsync(Guid id) => await Factory.WithDbAsync(async db =>
        (await db.ActivityLog.CountAsync(a => a.PersonId == id), await db.Persons.AsNoTracking().SingleAsync(p => p.Id == id),
            await db.Consents.CountAsync(c => c.PersonId == id)));

    [Fact]
    public async Task Every_person_write_handler_refuses_a_worker_of_another_team_on_its_own()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var outcomes = await Factory.WithServicesAsync(async services =>
        {
            var outsider = await PrincipalAsync(services, World.OtherTeamWorker56);
            var close = await services.GetRequiredService<Close.Handler>().HandleAsync(person.Id, new Close.Command { Reason = "Intrusion" }, outsider, default);
            var reopen = await services.GetRequiredService<Reopen.Handler>().HandleAsync(person.Id, outsider, default);
            var edit = await services.GetRequiredService<Edit.Handler>().HandleAsync(person.Id,
                new PersonInput { FirstName = "Autre", LastName = "Nom", RemoteReasons = [RemoteReason.Lockdown] }, person.Version, outsider, default);
            var record = await services.GetRequiredService<Record.Handler>().HandleAsync(person.Id,
                new Record.Command { Modality = "Phone", Decision = "Granted", DecidedAt = "2026-11-22T10:00", Method = "InPerson" }, outsider, default);
            var preferences = await services.GetRequiredService<Preferences.Handler>().HandleAsync(person.Id,
                new Preferences.Command { FrequencyDays = "7" }, person.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), outsider, default);
            var log = await services.GetRequiredService<Log.Handler>().HandleAsync(person.Id,
                new Log.Command { Kind = "Email", Direction = "Incoming", OccurredAt = "2026-11-23T09:00", Summary = "Intrusion" }, outsider, default);
            return (close, reopen, edit, record, preferences, log);
        });

        Assert.Null(outcomes.close);
        Assert.Null(outcomes.reopen);
        Assert.Equal(Edit.Outcome.NotFound, outcomes.edit);
        Assert.Null(outcomes.record);
        Assert.Equal(Preferences.Outcome.NotFound, outcomes.preferences);
        Assert.Null(outcomes.log);
        var (journal, stored, consents) = await StoredAsync(person.Id);
        Assert.Equal((0, 0), (journal, consents));
        Assert.Equal((PersonStatus.Active, "Rozenn", 30), (stored.Status, stored.FirstName, stored.ContactFrequencyDays));
    }

    [Fact]
    public async Task The_same_handlers_let_the_referent_write()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var outcome = await Factory.WithServicesAsync(async services =>
            await services.GetRequiredService<Close.Handler>().HandleAsync(person.Id, new Close.Command { Reason = "Fin" },
                await PrincipalAsync(services, World.Worker56), default));
        Assert.IsType<Close.Outcome.Closed>(outcome);
        Assert.Equal(PersonStatus.Closed, (await StoredAsync(person.Id)).Person.Status);
    }

    [Fact]
    public async Task The_reassign_handler_refuses_a_lead_of_another_department_on_its_own()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var outcome = await Factory.WithServicesAsync(async services =>
            await services.GetRequiredService<Reassign.Handler>().HandleAsync(World.Worker56.Id,
                new Reassign.Command { PersonIds = [person.Id.ToString()], ToWorker = World.Colleague56.Id.ToString(), Reason = "Intrusion" },
                await PrincipalAsync(services, World.Lead29), default));
        Assert.Null(outcome);
        Assert.Equal(World.Worker56.Id, (await StoredAsync(person.Id)).Person.ReferentId);
    }
}
