using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Data;

/// <summary>The two locks of department isolation, tested on the context itself, below any page.</summary>
public sealed class DepartmentIsolationTests(AppFactory factory) : WebTest(factory)
{
    /// <summary>A context as a request of a user of these departments would get it.</summary>
    private async Task<T> AsDepartmentsAsync<T>(int[] departments, Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForDepartments(departments);
        return await action(db);
    }

    private Task<AccompaniedPerson> Stored(Guid id) =>
        Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task A_context_scoped_to_CD29_does_not_see_CD56_persons_or_their_journal()
    {
        var person56 = await World.AddPersonAsync(Factory, World.Worker56);
        var person29 = await World.AddPersonAsync(Factory, World.Worker29);
        await Factory.WithDbAsync(async db =>
        {
            db.ActivityLog.Add(ActivityLogEntry.For(World.Cd56.Id, person56.Id, World.Worker56.Id, TestClock.Start, ActivityKind.ContactLogged, "Note"));
            await db.SaveChangesAsync();
        });

        var (persons, byId, journal) = await AsDepartmentsAsync([World.Cd29.Id], async db => (
            await db.Persons.Select(p => p.Id).ToListAsync(),
            await db.Persons.FirstOrDefaultAsync(p => p.Id == person56.Id),
            await db.ActivityLog.CountAsync(a => a.PersonId == person56.Id)));

        Assert.Equal([person29.Id], persons);
        Assert.Null(byId);
        Assert.Equal(0, journal);
    }

    [Fact]
    public async Task A_context_back_from_the_pool_forgets_the_scope_it_had()
    {
        var person56 = await World.AddPersonAsync(Factory, World.Worker56);
        var pool = Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

        // Two pieces of work end, one as the system, one for CD56 (both see the person); their contexts go back to the pool.
        var system = pool.CreateDbContext().AsSystem();
        var cd56 = pool.CreateDbContext().ForDepartments(World.Cd56.Id);
        Assert.True(await system.Persons.AnyAsync(p => p.Id == person56.Id));
        Assert.True(await cd56.Persons.AnyAsync(p => p.Id == person56.Id));
        await system.DisposeAsync();
        await cd56.DisposeAsync();

        // Whatever context the pool hands out next, it starts bound to nobody: it sees no person and may write nothing.
        var next = new[] { pool.CreateDbContext(), pool.CreateDbContext(), pool.CreateDbContext() };
        foreach (var db in next)
        {
            Assert.False(db.IsSystemScope);
            Assert.Empty(db.AllowedDepartmentIds);
            Assert.False(await db.Persons.AnyAsync());
            db.Persons.Attach(await Stored(person56.Id)).Property(p => p.LastName).CurrentValue = "Modifié";
            await Assert.ThrowsAsync<DepartmentIsolationException>(() => db.SaveChangesAsync());
            await db.DisposeAsync();
        }
        Assert.Equal("Kerjean", (await Stored(person56.Id)).LastName);
    }

    [Fact]
    public async Task A_context_scoped_to_CD29_cannot_save_a_change_to_a_CD56_person()
    {
        var person56 = await World.AddPersonAsync(Factory, World.Worker56);

        var error = await AsDepartmentsAsync([World.Cd29.Id], db =>
        {
            // However the entity reached the context (here attached from elsewhere), the save refuses it.
            var tampered = person56;
            db.Persons.Attach(tampered).Property(p => p.LastName).CurrentValue = "Modifié";
            return Assert.ThrowsAsync<DepartmentIsolationException>(() => db.SaveChangesAsync());
        });

        Assert.Contains("AccompaniedPerson", error.Message);
        Assert.Equal("Kerjean", (await Stored(person56.Id)).LastName);
    }

    [Fact]
    public async Task A_context_scoped_to_CD29_cannot_add_or_delete_in_CD56()
    {
        var person56 = await World.AddPersonAsync(Factory, World.Worker56);

        await AsDepartmentsAsync([World.Cd29.Id], async db =>
        {
            db.Persons.Add(AccompaniedPerson.Seed(new PersonSeed { DepartmentId = World.Cd56.Id, ReferentId = World.Worker56.Id, FirstName = "Intrus", LastName = "Ajouté" }));
            await Assert.ThrowsAsync<DepartmentIsolationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Persons.Remove(AccompaniedPerson.Seed(new PersonSeed { Id = person56.Id, DepartmentId = World.Cd56.Id }));
            await Assert.ThrowsAsync<DepartmentIsolationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.ActivityLog.Add(ActivityLogEntry.For(World.Cd56.Id, person56.Id, World.Worker29.Id, TestClock.Start, ActivityKind.ContactLogged, "Intrusion"));
            return await Assert.ThrowsAsync<DepartmentIsolationException>(() => db.SaveChangesAsync());
        });

        Assert.Equal(1, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync()));
    }

    [Fact]
    public async Task The_access_trace_written_at_once_is_refused_outside_the_users_departments_and_written_inside()
    {
        var person56 = await World.AddPersonAsync(Factory, World.Worker56);
        var access = PersonAccess.Record(World.Cd56.Id, person56.Id, World.Worker29.Id, TestClock.Start, "Details");

        await AsDepartmentsAsync([World.Cd29.Id], db => Assert.ThrowsAsync<DepartmentIsolationException>(() => db.AppendAccessAsync(access, CancellationToken.None)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.PersonAccesses.CountAsync()));

        await AsDepartmentsAsync([World.Cd56.Id], async db => { await db.AppendAccessAsync(access, CancellationToken.None); return true; });
        var stored = await Factory.WithDbAsync(db => db.PersonAccesses.AsNoTracking().SingleAsync());
        Assert.Equal((World.Cd56.Id, person56.Id, World.Worker29.Id, TestClock.Start, "Details"),
            (stored.DepartmentId, stored.PersonId, stored.UserId, stored.At, stored.Page));
    }

    [Fact]
    public async Task A_person_cannot_be_moved_out_of_a_department_nor_into_another()
    {
        var person29 = await World.AddPersonAsync(Factory, World.Worker29);

        await AsDepartmentsAsync([World.Cd29.Id], async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == person29.Id);
            db.Entry(person).Property(p => p.DepartmentId).CurrentValue = World.Cd56.Id;
            return await Assert.ThrowsAsync<DepartmentIsolationException>(() => db.SaveChangesAsync());
        });
        // Even a context that may write in CD56 cannot pull the record out of CD29, where it may not write.
        await AsDepartmentsAsync([World.Cd56.Id], async db =>
        {
            var person = await Factory.WithDbAsync(system => system.Persons.AsNoTracking().SingleAsync(p => p.Id == person29.Id));
            db.Persons.Attach(person).Property(p => p.DepartmentId).CurrentValue = World.Cd56.Id;
            return await Assert.ThrowsAsync<DepartmentIsolationException>(() => db.SaveChangesAsync());
        });

        Assert.Equal(World.Cd29.Id, (await Stored(person29.Id)).DepartmentId);
    }

    [Fact]
    public async Task The_same_context_saves_normally_inside_its_own_department()
    {
        var person29 = await World.AddPersonAsync(Factory, World.Worker29);
        await AsDepartmentsAsync([World.Cd29.Id], async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == person29.Id);
            person.UpdateProfile(new PersonProfile
            {
                FirstName = person.FirstName, LastName = person.LastName, RemoteReasons = person.RemoteReasons, City = "Brest",
                FirstFaceToFaceMeetingOn = person.FirstFaceToFaceMeetingOn, ContactFrequencyDays = person.ContactFrequencyDays,
            });
            return await db.SaveChangesAsync();
        });
        Assert.Equal("Brest", (await Stored(person29.Id)).City);
    }

    [Fact]
    public async Task A_context_with_no_department_reads_nothing_and_writes_nothing()
    {
        await World.AddPersonAsync(Factory, World.Worker56);
        await AsDepartmentsAsync([], async db =>
        {
            Assert.Equal(0, await db.Persons.CountAsync());
            db.Persons.Add(AccompaniedPerson.Seed(new PersonSeed { DepartmentId = World.Cd56.Id, ReferentId = World.Worker56.Id, FirstName = "A", LastName = "B" }));
            return await Assert.ThrowsAsync<DepartmentIsolationException>(() => db.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task Journal_entries_and_access_traces_cannot_be_changed_or_deleted_even_by_system_work()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await Factory.WithDbAsync(async db =>
        {
            db.ActivityLog.Add(ActivityLogEntry.For(World.Cd56.Id, person.Id, World.Worker56.Id, TestClock.Start, ActivityKind.PersonCreated, "Création du dossier."));
            db.PersonAccesses.Add(PersonAccess.Record(World.Cd56.Id, person.Id, World.Worker56.Id, TestClock.Start, "Details"));
            await db.SaveChangesAsync();
        });

        await AsDepartmentsAsync([World.Cd56.Id], async db =>
        {
            db.Entry(await db.ActivityLog.SingleAsync()).Property(a => a.Description).CurrentValue = "Réécrit";
            await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.ActivityLog.Remove(await db.ActivityLog.SingleAsync());
            await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Entry(await db.PersonAccesses.SingleAsync()).Property(a => a.UserId).CurrentValue = World.Colleague56.Id;
            return await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        });
        await Factory.WithDbAsync(async db =>
        {
            db.ActivityLog.Remove(await db.ActivityLog.SingleAsync());
            await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        });

        var entry = await Factory.WithDbAsync(db => db.ActivityLog.AsNoTracking().SingleAsync());
        Assert.Equal("Création du dossier.", entry.Description);
        Assert.Equal(World.Worker56.Id, await Factory.WithDbAsync(db => db.PersonAccesses.Select(a => a.UserId).SingleAsync()));
    }
}
